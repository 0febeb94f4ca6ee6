(module
  (; a comment that never ends
  (func))
