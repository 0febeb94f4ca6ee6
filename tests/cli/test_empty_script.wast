;; watlab test {}
;; A script with nothing in it but this comment.
