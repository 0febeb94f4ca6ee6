(module
  (func $answer (result i32)))
