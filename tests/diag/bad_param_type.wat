(module
  (func $f (param i33)))
