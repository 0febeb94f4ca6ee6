;; watlab run {} --max-stack 0
;; issue 9: --max-stack 0 panicked inside wasmi's config; now a usage error naming the minimum.
(module (func (export "main")))
