;; watlab build {} -o no_such_folder/out.wasm
(module)
