(module
  (func $f (param i32 ) ) (result i32))
