(module
  (func $main (export main)))
