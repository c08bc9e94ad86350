/** What some well-known variables look like and where to get them, to tell a person precisely what is needed. */

interface KnownVariable {
  name: RegExp;
  format: string;
  where: string;
}

const KNOWN: readonly KnownVariable[] = [
  { name: /^GITHUB_(?:PERSONAL_ACCESS_)?TOKEN$|^GH_TOKEN$/, format: 'a GitHub token, starting with ghp_ (classic) or github_pat_ (fine-grained)', where: 'https://github.com/settings/tokens' },
  { name: /^GITLAB_(?:PERSONAL_ACCESS_)?TOKEN$/, format: 'a GitLab token, starting with glpat-', where: 'GitLab: Preferences > Access tokens' },
  { name: /^OPENAI_API_KEY$/, format: 'an OpenAI key, starting with sk-', where: 'https://platform.openai.com/api-keys' },
  { name: /^ANTHROPIC_API_KEY$/, format: 'an Anthropic key, starting with sk-ant-', where: 'https://console.anthropic.com/settings/keys' },
  { name: /^SLACK_BOT_TOKEN$/, format: 'a Slack bot token, starting with xoxb-', where: "your Slack app's OAuth & Permissions page" },
  { name: /^BRAVE_API_KEY$/, format: 'a Brave Search API key', where: 'https://api-dashboard.search.brave.com' },
  { name: /^NOTION_(?:API_KEY|TOKEN)$/, format: 'a Notion integration secret, starting with ntn_ or secret_', where: 'https://www.notion.so/my-integrations' },
  { name: /^STRIPE_(?:SECRET_)?KEY$/, format: 'a Stripe key, starting with sk_ or rk_', where: 'https://dashboard.stripe.com/apikeys' },
];

/** One sentence on the variable's expected format and where to get it, when we know it. */
export function describeVariable(name: string): string | undefined {
  const known = KNOWN.find((candidate) => candidate.name.test(name));
  return known ? `${name} should be ${known.format}; get one at ${known.where}` : undefined;
}
