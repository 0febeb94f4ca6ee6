;; watlab test {}
(module binary "\00asm" "\01\00\00\00" "\01\ff\ff\ff\ff\0f")
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\ff\ff\ff\ff\0f") "unexpected end")
(invoke "f")
