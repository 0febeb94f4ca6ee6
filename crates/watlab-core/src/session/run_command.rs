//! The `:` commands: what each does to the session. The table of names, arguments and help
//! texts is `crate::commands`; this is where they are carried out.

use super::*;

impl Session {
    pub(super) fn command(&mut self, input: &str) -> Vec<Event> {
        let (cmd, args) = match commands::parse(input) {
            Ok(x) => x,
            Err(d) => return vec![Event::Error(d)],
        };
        let takes_args = !cmd.args.is_empty();
        if !takes_args && !args.is_empty() {
            return vec![Event::Error(
                Diagnostic::error(code::SYNTAX, format!("`{}` takes no arguments", cmd.name))
                    .with_help(format!("type `{}` alone", cmd.name)),
            )];
        }
        let one = |e: Event| vec![e];
        match cmd.name {
            ":help" => match commands::help(args) {
                Ok(text) => one(Event::Info(text)),
                Err(d) => one(Event::Error(d)),
            },
            ":stack" => one(lens::stack(&self.stack, args)),
            ":bits" => one(lens::bits(&self.stack, args)),
            ":explain" => one(lens::explain(args)),
            ":clear" => {
                let n = self.stack.len();
                self.stack.clear();
                one(Event::Info(format!("dropped {n} value{} from the stack", if n == 1 { "" } else { "s" })))
            }
            ":memory" => match args.rsplit_once(" as ").or_else(|| args.strip_prefix("as ").map(|t| ("", t))) {
                Some((range, ty)) => one(lens::memory_as(&self.built, range.trim(), ty.trim())),
                None => one(inspect::memory(&self.built, args, self.memory_before.as_deref())),
            },
            ":globals" => one(inspect::globals(&self.built)),
            ":funcs" => one(inspect::funcs(&self.built)),
            ":exports" => one(inspect::exports(&self.built)),
            ":wat" => one(Event::Info(self.wat())),
            ":bytes" => one(inspect::bytes(&self.defs, &self.sources, args)),
            ":save" | ":load" if args.is_empty() => one(Event::Error(
                Diagnostic::error(code::SYNTAX, format!("`{}` needs a file name", cmd.name))
                    .with_help(format!("for example `{} session.wat`", cmd.name)),
            )),
            ":save" => {
                let (text, kept, left_out) = self.saved();
                let mut events = vec![Event::Save { path: args.to_string(), text }];
                if !kept.is_empty() {
                    events.push(Event::Info(format!("(with the state: {})", kept.join("; "))));
                }
                if !left_out.is_empty() {
                    events.push(Event::Info(format!("(not saved: {})", left_out.join("; "))));
                }
                events
            }
            ":load" => one(Event::Load { path: args.to_string() }),
            ":undo" => self.undo(),
            ":reset" => match build::empty(self.limits, &self.output) {
                Ok(b) => {
                    self.built = b;
                    self.shared = false;
                    self.defs.clear();
                    self.history.clear();
                    self.stack.clear();
                    self.named = wast::Named::new(self.limits, &self.output);
                    one(Event::Info("the session is empty again".into()))
                }
                Err(d) => one(Event::Error(d)),
            },
            ":fuel" => one(self.fuel(args)),
            ":trace" => one(self.trace_command(args)),
            ":debug" => one(self.debug(input, args)),
            ":quit" => one(Event::Quit),
            _ => one(Event::Info(format!("{} is not available yet", cmd.name))),
        }
    }

    fn fuel(&mut self, args: &str) -> Event {
        let show = |f: Option<u64>| match f {
            Some(n) => format!("{} units per input", crate::trap::group(n)),
            None => "unlimited".to_string(),
        };
        if args.is_empty() {
            return Event::Info(format!("fuel: {}", show(self.limits.fuel)));
        }
        // The same rule as the command line's `--fuel` (issue 9: `--fuel 0` was accepted there).
        let fuel = match crate::runtime::parse_fuel(args) {
            Ok(fuel) => fuel,
            Err(crate::runtime::LimitError::FuelZero) => {
                return Event::Error(
                    Diagnostic::error(code::BAD_ARGUMENT, "fuel 0 would stop every input before its first instruction")
                        .with_help("give at least 1, such as `:fuel 1000`, or `:fuel unlimited`"),
                )
            }
            Err(_) => {
                return Event::Error(
                    Diagnostic::error(code::BAD_ARGUMENT, format!("`{args}` is not an amount of fuel"))
                        .with_help("write a whole number such as `:fuel 1000000`, or `:fuel unlimited`"),
                )
            }
        };
        self.limits.fuel = fuel;
        self.built.runtime.set_fuel(fuel);
        self.named.set_fuel(fuel);
        Event::Info(format!("fuel set to {}", show(fuel)))
    }

    fn debug(&mut self, input: &str, args: &str) -> Event {
        if args.is_empty() {
            return Event::Error(
                Diagnostic::error(code::SYNTAX, "`:debug` needs a call to debug")
                    .with_help("usage: `:debug (invoke \"f\" (i32.const 1))`, `:debug (call $f (i32.const 1))` or `:debug INSTRUCTIONS`"),
            );
        }
        let source = SourceId(self.sources.len().saturating_sub(1) as u32);
        let from = input.trim_end().len().saturating_sub(args.len());
        let env = self.env_of(&self.defs);
        let target = if defs::head(args).as_deref() == Some("invoke") {
            wast::debug_target(&self.built, &env, source, input, from)
        } else {
            snippet::debug_target(&self.built, &env, (source, from), args, &self.stack)
        };
        match target {
            Ok(t) => Event::Debug(Box::new(t)),
            Err(d) => Event::Error(d),
        }
    }

    fn trace_command(&mut self, args: &str) -> Event {
        let limit = match args {
            "" => {
                return Event::Info(match self.trace {
                    Some(n) => format!("tracing is on (at most {} lines per input)", crate::trap::group(n)),
                    None => "tracing is off (`:trace on` turns it on)".into(),
                })
            }
            "off" => {
                self.trace = None;
                return Event::Info("tracing is off".into());
            }
            "on" => recording::DEFAULT_TRACE_LIMIT,
            n => match n.replace('_', "").parse::<u64>() {
                Ok(n) if n > 0 => n,
                _ => {
                    return Event::Error(
                        Diagnostic::error(code::BAD_ARGUMENT, format!("`:trace {n}`: expected on, off or a number"))
                            .with_help("usage: `:trace on`, `:trace off`, or `:trace N` to show at most N lines"),
                    )
                }
            },
        };
        self.trace = Some(limit);
        Event::Info(format!(
            "tracing is on: calls and instructions print each instruction they run (at most {} lines per input)",
            crate::trap::group(limit)
        ))
    }

    fn undo(&mut self) -> Vec<Event> {
        let Some(before) = self.history.pop() else {
            return vec![Event::Info(
                "nothing to undo: no definitions since the session started (or since `:reset`)".into(),
            )];
        };
        let now = self.defs.clone();
        match self.rebuild(before, &HashSet::new()) {
            Ok(notes) => {
                let kept: HashSet<u64> = self.defs.iter().map(|d| d.id).collect();
                let old: HashSet<u64> = now.iter().map(|d| d.id).collect();
                let mut events: Vec<Event> = now
                    .iter()
                    .filter(|d| !kept.contains(&d.id))
                    .map(|d| Event::Defined(inspect::summary(&self.built, &[], d, Change::Removed)))
                    .collect();
                events.extend(
                    self.defs
                        .iter()
                        .filter(|d| !old.contains(&d.id))
                        .map(|d| Event::Defined(inspect::summary(&self.built, &self.defs, d, Change::Restored))),
                );
                events.extend(notes.into_iter().map(Event::Info));
                events
            }
            Err(d) => {
                self.history.push(now);
                vec![Event::Error(d)]
            }
        }
    }
}
