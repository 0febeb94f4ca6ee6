;; watlab
;; No command and no terminal: the REPL reads plain lines from stdin (repl_no_args.stdin).
