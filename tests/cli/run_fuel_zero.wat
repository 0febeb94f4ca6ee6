;; watlab run {} --fuel 0
;; issue 9: the REPL's `:fuel 0` was refused while `--fuel 0` was accepted; one rule now refuses both.
(module (func (export "main")))
