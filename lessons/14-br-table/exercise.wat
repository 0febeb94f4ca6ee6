(module
  (func (export "days_in_month") (param $m i32) (result i32)
    block $invalid
      block $d28
        block $d30
          block $d31
            local.get $m
            ;; TODO: one `br_table` with an entry for each m from 0 to 12, then the default:
            ;; TODO: month 0 is invalid; 1 Jan has 31 days, 2 Feb 28, 3 Mar 31, 4 Apr 30, ...
            drop
            br $invalid
          end
          i32.const 31
          return
        end
        i32.const 30
        return
      end
      i32.const 28
      return
    end
    i32.const 0))
