// The account pages: 注册, 登录, 退出, 修改密码 — plain HTML forms that work without JavaScript
// (application/x-www-form-urlencoded, posted to this site only), and the page behind 使用模板
// that confirms the copy. Entered values come back on an error, never a password.

import { html, type SafeHtml } from './html.ts';
import { type Lang, messages } from './i18n/index.ts';
import { layout, links } from './layout.ts';

export interface FormState {
  email?: string;
  name?: string;
  error?: string;
  notice?: string;
}

function page(origin: string, lang: Lang, title: string, body: SafeHtml): SafeHtml {
  return layout({ title, description: title, canonical: `${origin}/`, noindex: true, lang }, body);
}

function banner(state: FormState): SafeHtml {
  return html`${state.error ? html`<p class="error" role="alert">${state.error}</p>` : ''}${
    state.notice ? html`<p class="notice" role="status">${state.notice}</p>` : ''
  }`;
}

const hiddenNext = (next: string) => html`<input type="hidden" name="next" value="${next}">`;

export function signUpPage(origin: string, lang: Lang, next: string, state: FormState = {}): SafeHtml {
  const m = messages(lang);
  return page(
    origin,
    lang,
    m.signUpTitle,
    html`<section class="card"><h1>${m.signUpTitle}</h1>${banner(state)}
<form class="auth" method="post" action="/signup">${hiddenNext(next)}
<label>${m.name}<input name="name" autocomplete="nickname" required maxlength="100" value="${state.name ?? ''}"></label>
<label>${m.email}<input type="email" name="email" autocomplete="email" required maxlength="254" value="${state.email ?? ''}"></label>
<label>${m.password} <span class="desc">（${m.passwordHint}）</span><input type="password" name="password" autocomplete="new-password" required minlength="8" maxlength="200"></label>
<p><button type="submit">${m.signUp}</button></p></form>
<p>${m.haveAccount} <a href="${links.login(next)}">${m.signIn}</a></p></section>`,
  );
}

export function signInPage(origin: string, lang: Lang, next: string, state: FormState = {}): SafeHtml {
  const m = messages(lang);
  return page(
    origin,
    lang,
    m.signInTitle,
    html`<section class="card"><h1>${m.signInTitle}</h1>${banner(state)}
<form class="auth" method="post" action="/login">${hiddenNext(next)}
<label>${m.email}<input type="email" name="email" autocomplete="username" required maxlength="254" value="${state.email ?? ''}"></label>
<label>${m.password}<input type="password" name="password" autocomplete="current-password" required maxlength="200"></label>
<p><button type="submit">${m.signIn}</button></p></form>
<p>${m.noAccount} <a href="${links.signup(next)}">${m.signUp}</a></p></section>`,
  );
}

export function signOutPage(origin: string, lang: Lang, userName: string | null): SafeHtml {
  const m = messages(lang);
  const body = userName
    ? html`<section class="card"><h1>${m.signOutTitle}</h1><p>${m.signOutQuestion(userName)}</p>
<form method="post" action="${links.logout}"><button type="submit">${m.signOut}</button></form></section>`
    : html`<section class="card"><h1>${m.signOutTitle}</h1><p class="notice" role="status">${m.signedOut}</p>
<p><a href="${links.login('/app/')}">${m.signIn}</a> · <a href="${links.templates}">${m.browseTemplates}</a></p></section>`;
  return page(origin, lang, m.signOutTitle, body);
}

export function passwordPage(origin: string, lang: Lang, state: FormState = {}): SafeHtml {
  const m = messages(lang);
  return page(
    origin,
    lang,
    m.passwordTitle,
    html`<section class="card"><h1>${m.passwordTitle}</h1>${banner(state)}
<form class="auth" method="post" action="${links.password}">
<label>${m.currentPassword}<input type="password" name="currentPassword" autocomplete="current-password" required maxlength="200"></label>
<label>${m.newPassword} <span class="desc">（${m.passwordHint}）</span><input type="password" name="newPassword" autocomplete="new-password" required minlength="8" maxlength="200"></label>
<p><button type="submit">${m.changePassword}</button></p></form>
<p><a href="${links.myFiles}">${m.myFiles}</a></p></section>`,
  );
}

export function useTemplatePage(origin: string, lang: Lang, fileId: string, title: string): SafeHtml {
  const m = messages(lang);
  return page(
    origin,
    lang,
    m.useTemplateTitle(title),
    html`<section class="card"><h1>${m.useTemplateTitle(title)}</h1><p>${m.useTemplateLead}</p>
<form method="post" action="${links.useTemplate(fileId)}"><button type="submit">${m.useTemplateButton}</button></form>
<p><a href="${links.template(fileId)}">${title}</a></p></section>`,
  );
}
