;; watlab run --error-format short {}
;; issue 9: an import name with ESC and LF broke the one-line short format.
(module
  (import "env\1b[2J" "print\0aline" (func)))
