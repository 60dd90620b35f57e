/**
 * The message limits real Discord enforces (it answers 400 / code 50035 when one is broken), so a test against
 * the fake fails exactly where production would.
 */

export interface LimitViolation {
  readonly path: string;
  readonly problem: string;
}

const MAX = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  components: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

type Json = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function check(out: LimitViolation[], path: string, value: unknown, max: number, required = false): number {
  const text = str(value);
  const length = [...text].length;
  if (length > max) out.push({ path, problem: `must be ${max} or fewer in length (got ${length})` });
  if (required && length === 0) out.push({ path, problem: 'required, non-empty' });
  return length;
}

export function messageLimitViolations(body: Json): LimitViolation[] {
  const out: LimitViolation[] = [];
  check(out, 'content', body.content, MAX.content);
  const embeds = Array.isArray(body.embeds) ? (body.embeds as Json[]) : [];
  if (embeds.length > MAX.embeds) out.push({ path: 'embeds', problem: `at most ${MAX.embeds}` });
  let total = 0;
  embeds.forEach((embed, i) => {
    const p = `embeds.${i}`;
    total += check(out, `${p}.title`, embed.title, MAX.title);
    total += check(out, `${p}.description`, embed.description, MAX.description);
    total += check(out, `${p}.footer.text`, (embed.footer as Json | undefined)?.text, MAX.footer);
    total += check(out, `${p}.author.name`, (embed.author as Json | undefined)?.name, MAX.author);
    const fields = Array.isArray(embed.fields) ? (embed.fields as Json[]) : [];
    if (fields.length > MAX.fields) out.push({ path: `${p}.fields`, problem: `at most ${MAX.fields}` });
    fields.forEach((field, j) => {
      total += check(out, `${p}.fields.${j}.name`, field.name, MAX.fieldName, true);
      total += check(out, `${p}.fields.${j}.value`, field.value, MAX.fieldValue, true);
    });
  });
  if (total > MAX.embedTotal) out.push({ path: 'embeds', problem: `total ${total} over ${MAX.embedTotal}` });
  const rows = Array.isArray(body.components) ? (body.components as Json[]) : [];
  if (rows.length > MAX.components) out.push({ path: 'components', problem: `at most ${MAX.components} rows` });
  rows.forEach((row, i) => {
    const items = Array.isArray(row.components) ? (row.components as Json[]) : [];
    items.forEach((item, j) => {
      check(out, `components.${i}.components.${j}.label`, item.label, MAX.buttonLabel);
      check(out, `components.${i}.components.${j}.custom_id`, item.custom_id, MAX.customId);
    });
  });
  return out;
}

export function choiceLimitViolations(body: Json): LimitViolation[] {
  const out: LimitViolation[] = [];
  const data = (body.data ?? {}) as Json;
  const choices = Array.isArray(data.choices) ? (data.choices as Json[]) : [];
  if (choices.length > 25) out.push({ path: 'data.choices', problem: `at most 25 (got ${choices.length})` });
  choices.forEach((choice, i) => {
    check(out, `data.choices.${i}.name`, choice.name, 100, true);
    check(out, `data.choices.${i}.value`, choice.value, 100);
  });
  return out;
}
