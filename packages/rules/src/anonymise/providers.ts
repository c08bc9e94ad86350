/**
 * API keys and tokens whose shape gives them away: a provider's fixed prefix followed by random
 * characters. The list is data; add a provider by adding a line. Each body is a regex source without
 * anchors. Bodies that start with a literal prefix share one alternation behind a word boundary, so a
 * prefix is only found where a word starts and V8 can skip ahead on the prefixes' first letters. A body
 * that starts with a character class would make every word a candidate, so it carries a `hint`: a
 * literal (or a pattern with a literal start) that must occur in the text before its own pattern runs.
 */
export interface ProviderToken {
  provider: string;
  body: string;
  hint?: string | RegExp;
}

export const PROVIDER_TOKENS: readonly ProviderToken[] = [
  { provider: 'GitHub classic token', body: String.raw`gh[pousr]_[A-Za-z0-9]{30,}` },
  { provider: 'GitHub fine-grained token', body: String.raw`github_pat_[A-Za-z0-9_]{30,}` },
  { provider: 'OpenAI, Anthropic, DeepSeek, OpenRouter', body: String.raw`sk-[A-Za-z0-9_-]{20,}` },
  { provider: 'Stripe, Clerk', body: String.raw`(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}` },
  { provider: 'Stripe webhook secret', body: String.raw`whsec_[A-Za-z0-9+/=]{20,}` },
  { provider: 'ElevenLabs and other sk_', body: String.raw`sk_[A-Za-z0-9]{32,}` },
  { provider: 'Slack', body: String.raw`xox[abposre]-[A-Za-z0-9-]{10,}` },
  { provider: 'Slack app token', body: String.raw`xapp-[A-Za-z0-9-]{10,}` },
  { provider: 'AWS access key id', body: String.raw`(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16,}` },
  { provider: 'Google API key', body: String.raw`AIza[0-9A-Za-z_-]{30,}` },
  { provider: 'Google OAuth access token', body: String.raw`ya29\.[0-9A-Za-z_-]{20,}` },
  { provider: 'Google OAuth client secret', body: String.raw`GOCSPX-[0-9A-Za-z_-]{20,}` },
  { provider: 'Google refresh token', body: String.raw`1//0[0-9A-Za-z_-]{30,}` },
  { provider: 'GitLab', body: String.raw`gl(?:pat|dt|rt|ptt|cbt|soat|ffct|imt|oas|agent)-[0-9A-Za-z_-]{20,}` },
  { provider: 'Grafana', body: String.raw`gl(?:c|sa)_[A-Za-z0-9_=+/-]{30,}` },
  { provider: 'npm', body: String.raw`npm_[A-Za-z0-9]{30,}` },
  { provider: 'Hugging Face', body: String.raw`(?:hf|api_org)_[A-Za-z0-9]{30,}` },
  { provider: 'Notion', body: String.raw`(?:secret|ntn)_[A-Za-z0-9]{30,}` },
  { provider: 'Linear', body: String.raw`lin_(?:api|oauth)_[A-Za-z0-9]{30,}` },
  { provider: 'SendGrid', body: String.raw`SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}` },
  { provider: 'Twilio account and key SIDs', body: String.raw`(?:AC|SK)[0-9a-fA-F]{32,}` },
  { provider: 'Discord bot token', body: String.raw`[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}`, hint: /\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27}/ },
  { provider: 'Telegram bot token', body: String.raw`[0-9]{8,10}:AA[A-Za-z0-9_-]{30,}`, hint: ':AA' },
  { provider: 'Azure AD client secret', body: String.raw`[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,}`, hint: 'Q~' },
  { provider: 'Groq', body: String.raw`gsk_[A-Za-z0-9]{30,}` },
  { provider: 'Replicate', body: String.raw`r8_[A-Za-z0-9]{30,}` },
  { provider: 'Perplexity', body: String.raw`pplx-[A-Za-z0-9]{30,}` },
  { provider: 'xAI', body: String.raw`xai-[A-Za-z0-9]{30,}` },
  { provider: 'Tavily', body: String.raw`tvly-[A-Za-z0-9-]{20,}` },
  { provider: 'Firecrawl', body: String.raw`fc-[a-f0-9]{32,}` },
  { provider: 'Fireworks', body: String.raw`fw_[A-Za-z0-9]{20,}` },
  { provider: 'Supabase', body: String.raw`(?:sbp_[a-f0-9]{40}|sb_(?:secret|publishable)_[A-Za-z0-9_-]{20,})` },
  { provider: 'Shopify', body: String.raw`shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32,}` },
  { provider: 'Atlassian', body: String.raw`ATATT3[A-Za-z0-9_=-]{30,}` },
  { provider: 'Bitbucket', body: String.raw`ATBB[A-Za-z0-9_=.-]{30,}` },
  { provider: 'Postman', body: String.raw`PMAK-[a-f0-9]{24}-[a-f0-9]{34}` },
  { provider: 'DigitalOcean', body: String.raw`do[por]_v1_[a-f0-9]{64}` },
  { provider: 'Figma', body: String.raw`figd_[A-Za-z0-9_-]{30,}` },
  { provider: 'Sentry', body: String.raw`sntr[ysu]_[A-Za-z0-9+/=_-]{30,}` },
  { provider: 'PyPI', body: String.raw`pypi-AgE[A-Za-z0-9_-]{50,}` },
  { provider: 'Docker Hub', body: String.raw`dckr_pat_[A-Za-z0-9_-]{20,}` },
  { provider: 'Doppler', body: String.raw`dp\.(?:st|ct|sa|scim|audit|pt)\.[A-Za-z0-9_.-]{30,}` },
  { provider: 'HashiCorp Vault', body: String.raw`hv[sbr]\.[A-Za-z0-9_-]{20,}` },
  { provider: 'Terraform Cloud', body: String.raw`[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_-]{60,}`, hint: '.atlasv1.' },
  { provider: 'Pulumi', body: String.raw`pul-[a-f0-9]{40}` },
  { provider: '1Password service account', body: String.raw`ops_[A-Za-z0-9_-]{30,}` },
  { provider: 'New Relic', body: String.raw`NR(?:AK|II|JS)-[A-Za-z0-9]{20,}` },
  { provider: 'age secret key', body: String.raw`AGE-SECRET-KEY-1[0-9A-Z]{50,}` },
  { provider: 'Square', body: String.raw`sq0(?:atp|csp)-[A-Za-z0-9_-]{20,}` },
  { provider: 'Mailgun', body: String.raw`key-[a-f0-9]{32}` },
  { provider: 'Databricks', body: String.raw`dapi[a-f0-9]{32}` },
  { provider: 'LangSmith', body: String.raw`lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}` },
  { provider: 'Pinecone', body: String.raw`pcsk_[A-Za-z0-9_]{30,}` },
  { provider: 'Resend', body: String.raw`re_[A-Za-z0-9_]{20,}` },
  { provider: 'Neon', body: String.raw`napi_[A-Za-z0-9]{30,}` },
  { provider: 'PlanetScale', body: String.raw`pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{30,}` },
  { provider: 'Mapbox', body: String.raw`[ps]k\.eyJ[A-Za-z0-9_.-]{20,}` },
  { provider: 'Contentful', body: String.raw`CFPAT-[A-Za-z0-9_-]{40,}` },
  { provider: 'Render', body: String.raw`rnd_[A-Za-z0-9]{20,}` },
  { provider: 'Fly.io', body: String.raw`(?:fo1|fm[12])_[A-Za-z0-9+/=_-]{20,}` },
  { provider: 'HubSpot', body: String.raw`pat-(?:na|eu)[0-9]-[a-f0-9-]{36}` },
  { provider: 'Dropbox', body: String.raw`sl\.[A-Za-z0-9_-]{100,}` },
  { provider: 'Twitter bearer token', body: String.raw`A{20,}[A-Za-z0-9%]{30,}`, hint: 'AAAAAAAAAAAAAAAAAAAA' },
  { provider: 'Meta access token', body: String.raw`EAA[A-Za-z0-9]{40,}` },
  { provider: 'Brave Search', body: String.raw`BSA[A-Za-z0-9_-]{20,}` },
  { provider: 'Heroku', body: String.raw`HRKU-[A-Za-z0-9_-]{20,}` },
  { provider: 'Netlify', body: String.raw`nfp_[A-Za-z0-9]{30,}` },
];

/** Secrets that sit in a URL's path: only the part after the fixed prefix goes. */
export const URL_PATH_SECRETS = new RegExp(
  [
    String.raw`(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9\/_-]+`,
    String.raw`(discord(?:app)?\.com\/api\/webhooks\/)[0-9]+\/[A-Za-z0-9_-]+`,
    String.raw`(api\.telegram\.org\/bot)[0-9]+:[A-Za-z0-9_-]+`,
  ].join('|'),
  'g',
);

export interface CompiledProviderTokens {
  /** Every prefixed token, in one pass. */
  prefixed: RegExp;
  /** The others, each run only when its hint occurs. */
  hinted: readonly { hint: string | RegExp; pattern: RegExp }[];
}

export function compileProviderTokens(): CompiledProviderTokens {
  const prefixed = PROVIDER_TOKENS.filter((token) => token.hint === undefined).map((token) => token.body);
  return {
    prefixed: new RegExp(String.raw`\b(?:${prefixed.join('|')})`, 'g'),
    hinted: PROVIDER_TOKENS.flatMap((token) =>
      token.hint === undefined ? [] : [{ hint: token.hint, pattern: new RegExp(String.raw`(?<![A-Za-z0-9_~.-])${token.body}`, 'g') }],
    ),
  };
}
