/** A template's text: its tokens, with a space where the first message of the cluster had whitespace. */
export function renderTemplate(tokens: readonly string[], spaces: string): string {
  let text = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (token === '\n') text += '\n';
    else text += i > 0 && spaces.charCodeAt(i) === 49 && tokens[i - 1] !== '\n' ? ` ${token}` : token;
  }
  return text;
}
