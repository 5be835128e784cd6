/** Text on one line: every run of white space (a paragraph break too) becomes one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ");
}
