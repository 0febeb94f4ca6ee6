// The learner's course progress in the browser: one JSON value under one localStorage key,
// written whole on every change (so a reload never finds half of it), read back through
// `sanitize`, which keeps what it understands and drops the rest. A value that is not JSON at
// all is kept under a second key for rescue and replaced by a fresh record; the page says so.
// Export and import are the same value as a file.

export const STORAGE_KEY = "watlab-course";
export const BROKEN_KEY = "watlab-course-unreadable";
export const FORMAT = "watlab-course-progress";
/** Earlier texts kept per lesson by Reset and by Import (newest last). */
const KEEP_TEXTS = 5;
/** A lesson's saved text longer than this is not kept (storage is a few megabytes). */
const MAX_TEXT = 256 * 1024;

export function freshProgress() {
  return { format: FORMAT, version: 1, current: null, active: false, lessons: {} };
}

const count = (v) => (Number.isInteger(v) && v >= 0 ? Math.min(v, 1e9) : 0);
const text = (v) => (typeof v === "string" && v.length <= MAX_TEXT ? v : null);
const when = (v) => (typeof v === "string" && v.length < 40 && !Number.isNaN(Date.parse(v)) ? v : null);

/** The progress in `value` (parsed JSON), keeping only well-formed fields. Throws an Error
 * saying why when `value` is not progress at all. */
export function sanitize(value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error("it is not a JSON object");
  if (value.format !== FORMAT) throw new Error(`its "format" is not "${FORMAT}"`);
  if (value.version !== 1) throw new Error(`it is version ${JSON.stringify(value.version)}, and this page reads version 1`);
  const out = freshProgress();
  out.current = typeof value.current === "string" ? value.current : null;
  out.active = value.active === true;
  const lessons = value.lessons && typeof value.lessons === "object" && !Array.isArray(value.lessons) ? value.lessons : {};
  for (const [name, l] of Object.entries(lessons)) {
    if (!/^[a-z0-9-]{1,64}$/.test(name) || !l || typeof l !== "object") continue;
    out.lessons[name] = {
      passed: l.passed === true,
      attempts: count(l.attempts),
      hints: count(l.hints),
      solutionShown: l.solutionShown === true,
      opened: when(l.opened),
      passedAt: when(l.passedAt),
      text: text(l.text),
      kept: Array.isArray(l.kept)
        ? l.kept
            .filter((k) => k && text(k.text) !== null)
            .slice(-KEEP_TEXTS)
            .map((k) => ({ text: k.text, at: when(k.at) }))
        : [],
    };
  }
  return out;
}

/** Reads the stored progress: `{progress, problem}`, where `problem` (or null) says what was
 * wrong with the stored value and what was done about it. */
export function loadProgress(storage = globalThis.localStorage) {
  let raw;
  try {
    raw = storage.getItem(STORAGE_KEY);
  } catch (e) {
    return { progress: freshProgress(), problem: `This browser does not let the page keep your progress (${e.message}); it lasts for this visit only.` };
  }
  if (raw === null) return { progress: freshProgress(), problem: null };
  try {
    return { progress: sanitize(JSON.parse(raw)), problem: null };
  } catch (e) {
    try {
      storage.setItem(BROKEN_KEY, raw);
    } catch {
      // Nothing more can be saved; the message below still says what happened.
    }
    const progress = freshProgress();
    saveProgress(progress, storage);
    return {
      progress,
      problem: `Your saved course progress could not be read (${e.message}), so a fresh record was started. The old value is kept in this browser's storage as "${BROKEN_KEY}".`,
    };
  }
}

/** Writes the whole record; answers an error message when the browser refuses. */
export function saveProgress(progress, storage = globalThis.localStorage) {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(progress));
    return null;
  } catch (e) {
    return `Your progress could not be saved (${e.message}).`;
  }
}

/** The record of `name`, made when missing. */
export function lessonRecord(progress, name) {
  progress.lessons[name] ??= {
    passed: false,
    attempts: 0,
    hints: 0,
    solutionShown: false,
    opened: null,
    passedAt: null,
    text: null,
    kept: [],
  };
  return progress.lessons[name];
}

/** Keeps `value` among the lesson's earlier texts (unless it is the newest one already). */
export function keepText(record, value) {
  if (text(value) === null || record.kept.at(-1)?.text === value) return;
  record.kept.push({ text: value, at: new Date().toISOString() });
  record.kept = record.kept.slice(-KEEP_TEXTS);
}

/** Reads an exported file's text: `{progress}` or `{error}`. */
export function parseExport(fileText) {
  let value;
  try {
    value = JSON.parse(fileText);
  } catch (e) {
    return { error: `it is not JSON (${e.message})` };
  }
  try {
    return { progress: sanitize(value) };
  } catch (e) {
    return { error: e.message };
  }
}
