// The Course pane: the lessons built into the core (lessons/), one at a time beside the
// editor, which holds the lesson's exercise.wat. Check runs the lesson's checks on the
// editor's text in the runner Worker (as `watlab learn check` does, same diagnostics); Hint
// reveals the next hint; Reset puts the starter back and keeps the learner's text; progress
// (passed lessons, attempts, hints seen, each lesson's text) is one JSON value in the
// browser's storage (progress.js), with export and import as a file.

import { inline, renderMarkdown } from "./markdown.js";
import { keepText, lessonRecord, loadProgress, parseExport, saveProgress, FORMAT } from "./progress.js";

const $ = (id) => document.getElementById(id);

/**
 * deps: {view, ask (the checker), runner (CoreWorker), setText, banner, download,
 * setExtraLint (underlines for a checked text), showTab, replType, isBusy, Stopped, Crashed,
 * onAttach}
 */
export function setupCourse(deps) {
  const { view, ask, runner } = deps;
  const loaded = loadProgress();
  const progress = loaded.progress;
  const course = { outline: null, lesson: null, attached: false, checking: false, lastResult: null };

  const save = () => {
    const problem = saveProgress(progress);
    if (problem) deps.banner(problem);
  };
  const record = () => lessonRecord(progress, course.lesson.name);
  const editorText = () => view.state.doc.toString();

  // ---- the picker and its marks ----

  function mark(name) {
    const r = progress.lessons[name];
    if (r?.passed) return "✓";
    if (r && (r.attempts || r.text !== null || r.hints)) return "◐";
    return "○";
  }

  function drawPicker() {
    const select = $("lesson");
    const lessons = course.outline?.lessons ?? [];
    select.replaceChildren(
      ...lessons.map((l, i) => {
        const o = new Option(`${mark(l.name)} ${i + 1}. ${l.title}`, l.name);
        o.dataset.mark = mark(l.name);
        return o;
      }),
    );
    if (course.lesson) select.value = course.lesson.name;
    const passed = lessons.filter((l) => progress.lessons[l.name]?.passed).length;
    $("course-progress").textContent = lessons.length ? `${passed} of ${lessons.length} passed` : "";
    $("course-progress").title = lessons.length ? "✓ passed, ◐ started, ○ not started" : "";
  }

  // ---- one lesson ----

  function drawLesson() {
    const l = course.lesson;
    const r = record();
    $("lesson-next").disabled = !(r.passed && l.next);
    $("lesson-text").replaceChildren(renderMarkdown(l.text, { onExample: exampleButton }));
    const note = document.createElement("p");
    note.className = "lesson-where";
    note.append(inline(`In the playground the editor is \`${l.file}\`, and Check is \`watlab learn check\`.`));
    $("lesson-text").prepend(note);
    drawHints();
    drawResult(course.lastResult);
    drawAttached();
  }

  function drawAttached() {
    $("course-detached").hidden = course.attached;
    $("lesson-check").disabled = !course.attached || course.checking;
    if (course.attached || !course.lesson) return;
    const started = record().text !== null;
    $("course-detached-text").textContent = started
      ? "The editor holds another program; your work on this lesson is kept."
      : "The editor holds another program. Start the lesson to put its exercise in the editor.";
    $("lesson-resume").textContent = started ? "Back to the lesson" : "Start the lesson";
  }

  function drawHints() {
    const list = $("lesson-hints");
    const shown = course.lesson.hints.slice(0, record().hints);
    list.replaceChildren(
      ...shown.map((h) => {
        const li = document.createElement("li");
        li.append(renderMarkdown(h));
        return li;
      }),
    );
    list.hidden = !shown.length;
    const left = course.lesson.hints.length - shown.length;
    // After the last hint, as `watlab learn hint` then does: your run beside the solution's.
    $("lesson-hint").textContent = left ? `Hint (${shown.length} of ${course.lesson.hints.length})` : "Compare";
    $("lesson-hint").title = left ? "The next hint (watlab learn hint)" : "Run your module and the solution on the checks, and show where their values part";
  }

  function drawResult(result) {
    const box = $("lesson-result");
    if (!result) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    box.className = `lesson-result ${result.passed ? "passed" : "failed"}`;
    $("lesson-headline").textContent = result.headline;
    const parts = [];
    const [first, ...rest] = result.diagnostics ?? [];
    if (first) parts.push(first.rendered.replace(/\n+$/, ""));
    if (rest.length) parts.push(`also failing:\n${rest.map((d) => `  ${d.rendered.replace(/\n+$/, "")}`).join("\n")}`);
    if (result.output) {
      const lines = result.output.split("\n").filter((x, i, all) => x || i < all.length - 1);
      parts.push(`your module printed:\n${lines.slice(0, 20).map((x) => `  ${x}`).join("\n")}`);
    }
    if (result.passed) {
      parts.push(course.lesson.next ? "Well done! Next lesson moves on." : "Well done! That was the last lesson: the course is complete.");
    } else if (record().hints < course.lesson.hints.length) {
      parts.push(`Stuck? Hint gives a hint (${record().hints} of ${course.lesson.hints.length} seen).`);
    }
    $("lesson-diagnostic").textContent = parts.join("\n\n");
  }

  function note(text) {
    const box = $("lesson-note");
    box.replaceChildren();
    box.hidden = !text;
    if (typeof text === "string") box.textContent = text;
    else if (text) box.append(text);
  }

  /** Opens `name`: its saved text (or the starter) goes into the editor. */
  async function open(name, { attach = true } = {}) {
    const answer = await ask({ op: "lesson", name });
    if (!answer) return false;
    if (answer.missing) {
      deps.banner(`${answer.missing}; showing the first lesson instead.`);
      return course.outline.lessons.length ? open(course.outline.lessons[0].name) : false;
    }
    if (course.attached && course.lesson) storeText();
    course.lesson = answer;
    course.lastResult = null;
    progress.current = name;
    const r = record();
    r.opened ??= new Date().toISOString();
    note(null);
    if (attach) attachEditor();
    else save();
    drawPicker();
    drawLesson();
    return true;
  }

  function attachEditor() {
    const r = record();
    course.attached = true;
    progress.active = true;
    deps.setText(r.text ?? course.lesson.exercise);
    deps.onAttach();
    drawAttached();
    save();
  }

  /** Records the editor's text as the lesson's (null while it is the starter). */
  function storeText() {
    const value = editorText();
    record().text = value === course.lesson.exercise ? null : value;
  }

  let saveTimer = null;
  function onDocChanged() {
    if (!course.attached || !course.lesson) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      if (!course.attached) return;
      storeText();
      save();
      drawPicker();
    }, 400);
  }

  /** Saves a pending edit now (the page is being left, or the editor is taken over). */
  function flush() {
    clearTimeout(saveTimer);
    if (!course.attached || !course.lesson) return;
    storeText();
    save();
  }
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && flush());

  /** An example or a share link is about to replace the editor's text: the lesson's is saved
   * first, then no longer followed. */
  function detach() {
    if (!course.attached || !course.lesson) return;
    flush();
    course.attached = false;
    progress.active = false;
    save();
    drawAttached();
  }

  // ---- Check ----

  async function check() {
    if (!course.lesson || course.checking) return;
    if (deps.isBusy()) {
      note("A run is in progress (Run or Browser engine tab): stop it or let it finish, then Check.");
      return;
    }
    if (!course.attached) return;
    const text = editorText();
    const lesson = course.lesson;
    course.checking = true;
    $("lesson-check").disabled = true;
    $("lesson-stop").disabled = false;
    note(null);
    $("lesson-headline").textContent = `checking ${lesson.name}…`;
    $("lesson-result").hidden = false;
    $("lesson-result").className = "lesson-result";
    $("lesson-diagnostic").textContent = "";
    try {
      const result = await runner.request({ op: "lesson_check", name: lesson.name, text });
      if (course.lesson !== lesson) return;
      const r = record();
      if (!r.passed && text !== lesson.exercise) r.attempts += 1;
      if (result.passed && !r.passed) {
        r.passed = true;
        r.passedAt = new Date().toISOString();
      }
      storeText();
      save();
      course.lastResult = result;
      drawResult(result);
      drawPicker();
      $("lesson-next").disabled = !(r.passed && lesson.next);
      // Underline the failures in the editor while its text is the one checked.
      deps.setExtraLint(text, result);
    } catch (err) {
      if (err instanceof deps.Stopped) {
        course.lastResult = null;
        drawResult({ passed: false, headline: "stopped", diagnostics: [] });
        $("lesson-diagnostic").textContent = "The check was stopped. The REPL's session was restored.";
      } else if (err instanceof deps.Crashed) {
        drawResult({ passed: false, headline: "the core crashed", diagnostics: [] });
        $("lesson-diagnostic").textContent = `The core crashed (${err.message}). A fresh one was started; your text is unchanged.`;
      } else {
        throw err;
      }
    } finally {
      course.checking = false;
      $("lesson-stop").disabled = true;
      drawAttached();
    }
  }

  // ---- Hint, Next, Reset, Solution ----

  function hint() {
    const r = record();
    if (r.hints >= course.lesson.hints.length) return compareWithSolution();
    r.hints += 1;
    save();
    drawHints();
    drawPicker();
    if (r.hints === course.lesson.hints.length) {
      note("That was the last hint. Compare runs your module beside the solution and shows where their values part; Solution… shows the solution (it asks first).");
    }
  }

  async function compareWithSolution() {
    if (!course.attached || course.checking || deps.isBusy()) return;
    const lesson = course.lesson;
    const text = editorText();
    course.checking = true;
    $("lesson-hint").disabled = true;
    note("Running your module and the solution on the checks…");
    try {
      const answer = await runner.request({ op: "lesson_compare", name: lesson.name, text });
      if (course.lesson !== lesson) return;
      if (!answer.text) {
        note("Nothing to compare: your module does not load yet, or every check ends as the solution's does. Solution… shows the reference solution.");
        return;
      }
      const pre = document.createElement("pre");
      pre.className = "lesson-compare";
      pre.textContent = answer.text;
      const wrap = document.createElement("div");
      wrap.append(pre, "If that is not enough, Solution… shows the reference solution.");
      note(wrap);
      if (answer.from != null && editorText() === text) {
        view.dispatch({ selection: { anchor: answer.from, head: answer.to }, scrollIntoView: true });
      }
    } catch (err) {
      if (err instanceof deps.Stopped) note("The comparison was stopped.");
      else if (err instanceof deps.Crashed) note(`The core crashed (${err.message}); a fresh one was started.`);
      else throw err;
    } finally {
      course.checking = false;
      $("lesson-hint").disabled = false;
    }
  }

  async function next() {
    if (course.lesson?.next && record().passed) await open(course.lesson.next);
  }

  function restoreButton(r) {
    const wrap = document.createElement("span");
    wrap.append("The starter is back. Your text was kept: ");
    const b = document.createElement("button");
    b.type = "button";
    b.id = "lesson-restore";
    b.textContent = "Restore it";
    b.addEventListener("click", () => {
      const kept = r.kept.at(-1);
      if (!kept) return;
      keepText(r, editorText());
      // The restored text is no longer among the kept ones unless it was replaced again.
      r.kept = r.kept.filter((k) => k !== kept);
      if (!course.attached) attachEditor();
      deps.setText(kept.text);
      storeText();
      save();
      note("Your text is back; the starter you replaced is kept too.");
    });
    wrap.append(b);
    return wrap;
  }

  function reset() {
    if (!course.lesson) return;
    const r = record();
    const current = course.attached ? editorText() : (r.text ?? course.lesson.exercise);
    if (current !== course.lesson.exercise) keepText(r, current);
    r.text = null;
    course.lastResult = null;
    attachEditor();
    drawResult(null);
    note(r.kept.length ? restoreButton(r) : "The starter is back (it was unchanged).");
  }

  async function showSolution() {
    if (!course.lesson) return;
    const sure = window.confirm(
      `Show the reference solution of ${course.lesson.title}? It replaces the editor's text; yours is kept and Reset's Restore brings it back.`,
    );
    if (!sure) return;
    const answer = await ask({ op: "lesson_solution", name: course.lesson.name });
    if (!answer?.text) return;
    const r = record();
    keepText(r, course.attached ? editorText() : (r.text ?? course.lesson.exercise));
    r.solutionShown = true;
    if (!course.attached) attachEditor();
    deps.setText(answer.text);
    storeText();
    save();
    note(solutionNote(r));
  }

  function solutionNote(r) {
    const wrap = restoreButton(r);
    wrap.firstChild.textContent = "This is the reference solution. Your text was kept: ";
    return wrap;
  }

  /** A runnable `repl` block of the text gets a button that types it into the REPL pane. */
  function exampleButton(info, body) {
    if (!/^repl(\s|$)/.test(info) || !deps.replType) return null;
    const b = document.createElement("button");
    b.type = "button";
    b.className = "md-try";
    b.textContent = "Try in the REPL";
    b.addEventListener("click", () => deps.replType(body));
    return b;
  }

  // ---- export and import ----

  function exportProgress() {
    if (course.attached && course.lesson) storeText();
    save();
    const value = { ...progress, course: course.outline?.title ?? null, exported: new Date().toISOString() };
    deps.download("watlab-progress.json", new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: "application/json" }));
  }

  async function importProgress(file) {
    let textValue;
    try {
      textValue = await file.text();
    } catch (e) {
      deps.banner(`${file.name} could not be read (${e.message}); your progress is unchanged.`);
      return;
    }
    const parsed = file.size > 8 << 20 ? { error: "it is larger than any progress file" } : parseExport(textValue);
    if (parsed.error) {
      deps.banner(`${file.name} is not a watlab progress file (${parsed.error}); your progress is unchanged.`);
      return;
    }
    // The texts in this browser that the file would replace are kept, not lost; the editor's
    // lesson is then opened from the file's record (not saved over it).
    const wasAttached = course.attached;
    if (wasAttached && course.lesson) storeText();
    course.attached = false;
    for (const [name, r] of Object.entries(progress.lessons)) {
      const incoming = parsed.progress.lessons[name];
      if (incoming && r.text !== null && r.text !== incoming.text) keepText(incoming, r.text);
    }
    for (const key of Object.keys(progress)) delete progress[key];
    Object.assign(progress, parsed.progress);
    save();
    const known = course.outline.lessons.filter((l) => progress.lessons[l.name]).length;
    deps.banner(`Progress imported from ${file.name}: ${known} lessons with a record.`, "info");
    const name = course.outline.lessons.some((l) => l.name === progress.current) ? progress.current : course.lesson?.name;
    if (name) await open(name, { attach: wasAttached });
    else drawPicker();
  }

  // ---- wiring ----

  $("lesson").addEventListener("change", (ev) => open(ev.target.value));
  $("lesson-check").addEventListener("click", check);
  $("lesson-stop").addEventListener("click", () => runner.stop());
  $("lesson-hint").addEventListener("click", hint);
  $("lesson-next").addEventListener("click", next);
  $("lesson-reset").addEventListener("click", reset);
  $("lesson-solution").addEventListener("click", showSolution);
  $("lesson-resume").addEventListener("click", () => {
    attachEditor();
    drawLesson();
  });
  $("progress-export").addEventListener("click", exportProgress);
  $("progress-import").addEventListener("click", () => $("progress-file").click());
  $("progress-file").addEventListener("change", async (ev) => {
    const file = ev.target.files[0];
    ev.target.value = "";
    if (file) await importProgress(file);
  });

  /** Loads the outline; reopens the lesson the learner was in when `resume` (no link given). */
  async function start({ resume }) {
    if (loaded.problem) deps.banner(loaded.problem);
    const outline = await ask({ op: "course" });
    if (!outline) return false;
    course.outline = outline;
    if (!outline.lessons.length) {
      $("lesson-text").textContent = `The course could not be loaded: ${outline.problems.join("; ")}`;
      return false;
    }
    const known = outline.lessons.some((l) => l.name === progress.current);
    const first = known ? progress.current : outline.lessons[0].name;
    if (resume && progress.active && known) {
      await open(first);
      deps.showTab("course");
      return true;
    }
    await open(first, { attach: false });
    return false;
  }

  return {
    start,
    check,
    detach,
    onDocChanged,
    get attached() {
      return course.attached;
    },
    get checking() {
      return course.checking;
    },
    progress,
    format: FORMAT,
  };
}
