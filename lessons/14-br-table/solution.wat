(module
  (func (export "days_in_month") (param $m i32) (result i32)
    block $invalid
      block $d28
        block $d30
          block $d31
            local.get $m
            ;;       0        1    2    3    4    5    6    7    8    9    10   11   12   default
            br_table $invalid $d31 $d28 $d31 $d30 $d31 $d30 $d31 $d31 $d30 $d31 $d30 $d31 $invalid
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
