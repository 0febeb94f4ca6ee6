;; watlab run {} --max-memory 65535
;; issue 9: less than one page of memory panicked even for a module without memory; now a usage error.
(module (func (export "main")))
