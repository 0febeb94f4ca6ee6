// The Markdown of the lessons (lessons/*/lesson.md) turned into DOM nodes: headings,
// paragraphs, fenced code, lists, tables, `code`, *emphasis*, **strong** and links. It
// builds elements and text nodes and never parses HTML, so anything in a lesson (a `<` in a
// comparison, a stray tag) shows as the text it is. Only http(s) links become links.
//
// The lessons' subset is small and regular, so a few dozen lines do it rather than a
// Markdown library in the bundle.

/** `markdown` as a fragment of elements; `onExample(kind, text)` may return a node to put
 * under a runnable code block (the info string's first word is `kind`). */
export function renderMarkdown(markdown, { onExample } = {}) {
  const out = document.createDocumentFragment();
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  let i = 0;
  const el = (tag, cls) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    return e;
  };
  const isTableRow = (l) => /^\s*\|.*\|\s*$/.test(l);
  const isItem = (l) => /^\s*([-*]|\d+\.)\s+/.test(l);
  const startsBlock = (l) => /^(#{1,6}\s|```|\s*\|)/.test(l) || isItem(l);
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const h = el(`h${Math.min(6, heading[1].length + 1)}`);
      h.append(inline(heading[2]));
      out.append(h);
      i++;
      continue;
    }
    if (line.startsWith("```")) {
      const info = line.slice(3).trim();
      const body = [];
      i++;
      while (i < lines.length && !lines[i].startsWith("```")) body.push(lines[i++]);
      i++;
      const pre = el("pre", "md-code");
      const code = el("code");
      code.textContent = body.join("\n");
      pre.append(code);
      const kind = info.split(/\s+/)[0];
      if (kind && kind !== "text") {
        const label = el("span", "md-code-kind");
        label.textContent = info;
        pre.prepend(label);
      }
      out.append(pre);
      const extra = kind ? onExample?.(info, body.join("\n")) : null;
      if (extra) out.append(extra);
      continue;
    }
    if (isTableRow(line) && i + 1 < lines.length && /^\s*\|[\s:|-]+\|\s*$/.test(lines[i + 1])) {
      const cells = (l) => l.trim().replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
      const table = el("table", "md-table");
      const head = el("tr");
      for (const c of cells(line)) {
        const th = el("th");
        th.append(inline(c));
        head.append(th);
      }
      table.append(el("thead"));
      table.firstChild.append(head);
      const body = el("tbody");
      i += 2;
      while (i < lines.length && isTableRow(lines[i])) {
        const tr = el("tr");
        for (const c of cells(lines[i])) {
          const td = el("td");
          td.append(inline(c));
          tr.append(td);
        }
        body.append(tr);
        i++;
      }
      table.append(body);
      out.append(table);
      continue;
    }
    if (isItem(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const list = el(ordered ? "ol" : "ul");
      while (i < lines.length && isItem(lines[i])) {
        const parts = [lines[i].replace(/^\s*([-*]|\d+\.)\s+/, "")];
        i++;
        // Continuation lines: indented, not a new item.
        while (i < lines.length && /^\s+\S/.test(lines[i]) && !isItem(lines[i])) parts.push(lines[i++].trim());
        const li = el("li");
        li.append(inline(parts.join(" ")));
        list.append(li);
      }
      out.append(list);
      continue;
    }
    const para = [];
    while (i < lines.length && lines[i].trim() && !(para.length && startsBlock(lines[i]))) para.push(lines[i++].trim());
    const p = el("p");
    p.append(inline(para.join(" ")));
    out.append(p);
  }
  return out;
}

/** Inline Markdown as nodes: `code` first (nothing inside it is read), then links, strong
 * and emphasis. */
export function inline(text) {
  const out = document.createDocumentFragment();
  const pattern = /(`+)([\s\S]*?)\1|\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|_([^_\s][^_]*)_(?![A-Za-z0-9])/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    // `_` inside a word (snake_case names) is not emphasis.
    if (m[7] !== undefined && m.index > 0 && /[A-Za-z0-9]/.test(text[m.index - 1])) continue;
    if (m.index > last) out.append(text.slice(last, m.index));
    if (m[1]) {
      const code = document.createElement("code");
      code.textContent = m[2].trim() || m[2];
      out.append(code);
    } else if (m[3] !== undefined) {
      if (/^https?:\/\//.test(m[4])) {
        const a = document.createElement("a");
        a.href = m[4];
        a.rel = "noopener noreferrer";
        a.target = "_blank";
        a.append(inline(m[3]));
        out.append(a);
      } else {
        out.append(inline(m[3]));
      }
    } else {
      const e = document.createElement(m[5] !== undefined ? "strong" : "em");
      e.append(inline(m[5] ?? m[6] ?? m[7]));
      out.append(e);
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) out.append(text.slice(last));
  return out;
}
