(module
  // add two numbers
  (func $f))
