/**
 * The page shell every review UI page shares: a skip link, the main navigation with the current page
 * marked, who is signed in with a sign-out form, a notice or a problem at the top of the content, and the
 * content itself in <main>.
 */
import { html, type SafeHtml } from './html.js';
import type { Session } from './session.js';

export type Section = 'overview' | 'clusters' | 'packs' | 'runs';

export interface PageFrame {
  session: Session | null;
  cssUrl: string;
  iconUrl: string;
}

export interface PageContent {
  title: string;
  section?: Section;
  body: SafeHtml;
  /** What just happened (after a redirect), announced politely. */
  notice?: string | null;
  /** Why the last action was refused, announced at once and focused. */
  problem?: string | null;
  scripts?: readonly string[];
}

const SECTIONS: { id: Section; label: string; path: string }[] = [
  { id: 'overview', label: 'Overview', path: '/ui' },
  { id: 'clusters', label: 'Clusters', path: '/ui/clusters' },
  { id: 'packs', label: 'Packs', path: '/ui/packs' },
  { id: 'runs', label: 'Trainer runs', path: '/ui/runs' },
];

/** A hidden field with the session's CSRF token: every form that posts carries one. */
export const csrfField = (session: Session | null): SafeHtml => html`<input type="hidden" name="_csrf" value="${session?.csrf ?? ''}">`;

export function renderPage(frame: PageFrame, content: PageContent): string {
  const { session } = frame;
  const nav =
    session &&
    html`<nav aria-label="Main"><ul>${SECTIONS.map(
      (section) => html`<li><a href="${section.path}"${section.id === content.section ? html` aria-current="page"` : ''}>${section.label}</a></li>`,
    )}</ul></nav>
    <form method="post" action="/ui/logout">${csrfField(session)}<span>Signed in as <strong>${session.name}</strong></span> <button type="submit">Sign out</button></form>`;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${content.title} · tapheal review</title>
<link rel="stylesheet" href="${frame.cssUrl}">
<link rel="icon" href="${frame.iconUrl}" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><a class="brand" href="/ui">tapheal review</a>${nav}</header>
<main id="main" tabindex="-1">
<h1>${content.title}</h1>
${content.problem && html`<div class="problem" role="alert" id="problem" tabindex="-1"><strong>Not done:</strong> ${content.problem}</div>`}
${content.notice && html`<div class="notice" role="status">${content.notice}</div>`}
${content.body}
</main>
${(content.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</body>
</html>`;
  return page.value;
}
