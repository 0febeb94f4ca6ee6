(assert_return (invoke "countdown") (i32.const 79))
(assert_return (invoke "whole_minutes") (i32.const 16))
(assert_return (invoke "seconds_left") (i32.const 40))
