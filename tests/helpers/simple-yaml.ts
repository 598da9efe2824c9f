// A reader for the YAML subset electron-builder.yml is kept in: nested mappings by indentation,
// block lists of scalars or of one-level mappings, plain or double-quoted scalars, full-line
// comments. Anything else (flow collections, anchors, multi-line strings) throws.
export type YamlValue = string | number | boolean | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  indent: number;
  text: string;
  number: number;
}

function scalar(text: string, line: number): YamlValue {
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2) throw new Error(`line ${line}: unterminated string ${text}`);
    return JSON.parse(text) as string;
  }
  if (/^[[{&*|>']/.test(text)) throw new Error(`line ${line}: unsupported YAML syntax ${text}`);
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

function splitKey(text: string, line: number): [string, string] {
  const match = /^([A-Za-z0-9_.-]+):(?:\s+(.*))?$/.exec(text);
  if (!match) throw new Error(`line ${line}: expected "key: value", got ${text}`);
  return [match[1]!, match[2] ?? ''];
}

function parseBlock(lines: Line[], start: number, indent: number): [YamlValue, number] {
  const first = lines[start];
  if (!first || first.indent !== indent) throw new Error(`line ${first?.number ?? '?'}: bad indentation`);

  if (first.text.startsWith('- ')) {
    const list: YamlValue[] = [];
    let index = start;
    while (index < lines.length && lines[index]!.indent === indent && lines[index]!.text.startsWith('- ')) {
      const item = lines[index]!;
      const body = item.text.slice(2);
      if (!/^[A-Za-z0-9_.-]+:(\s|$)/.test(body)) {
        list.push(scalar(body, item.number));
        index += 1;
        continue;
      }
      // A list item that is a mapping: its first key follows the dash, the rest align with it.
      const rest: Line[] = [{ indent: indent + 2, text: body, number: item.number }];
      index += 1;
      while (index < lines.length && lines[index]!.indent > indent) rest.push(lines[index++]!);
      list.push(parseBlock(rest, 0, indent + 2)[0]);
    }
    return [list, index];
  }

  const map: { [key: string]: YamlValue } = {};
  let index = start;
  while (index < lines.length && lines[index]!.indent === indent) {
    const line = lines[index]!;
    const [key, rest] = splitKey(line.text, line.number);
    index += 1;
    if (rest !== '') {
      map[key] = scalar(rest, line.number);
    } else if (index < lines.length && lines[index]!.indent > indent) {
      [map[key], index] = parseBlock(lines, index, lines[index]!.indent);
    } else {
      throw new Error(`line ${line.number}: ${key} has no value`);
    }
  }
  if (index < lines.length && lines[index]!.indent > indent) {
    throw new Error(`line ${lines[index]!.number}: bad indentation`);
  }
  return [map, index];
}

export function parseSimpleYaml(text: string): YamlValue {
  const lines: Line[] = [];
  text.split('\n').forEach((raw, index) => {
    if (/^\s*(#|$)/.test(raw)) return;
    if (raw.includes('\t')) throw new Error(`line ${index + 1}: tabs are not allowed`);
    const indent = raw.length - raw.trimStart().length;
    lines.push({ indent, text: raw.trim(), number: index + 1 });
  });
  if (lines.length === 0) return {};

  const [value, end] = parseBlock(lines, 0, 0);
  if (end !== lines.length) throw new Error(`line ${lines[end]!.number}: unexpected content`);
  return value;
}
