import type { Request, Response, Router } from 'express';
import express from 'express';
import { inTransaction } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { AppError, errors } from '../http/errors';
import type { TicketsService } from '../tickets/service';
import { callbacksRepository as repo } from './repository';
import type { SurveyAnswerInput } from './schemas';
import { surveySecret, verifySurveyToken } from './survey';
import { CATEGORY_TEXT, PAGE_TEXT, type Lang } from './texts';

export type SurveyRefusal = 'invalid' | 'expired' | 'used' | 'unavailable';
export type SurveyOpen = { ok: true; ticketNumber: string; category: string; expiresAt: Date } | { ok: false; reason: SurveyRefusal };

const REFUSAL_STATUS: Record<SurveyRefusal, number> = { invalid: 404, expired: 410, used: 409, unavailable: 503 };

/**
 * The customer's side of the survey. A link is good while its signature checks, it has not
 * expired, it was not answered, and its callback is still open (a phone answer first uses it up).
 * The answer goes through the tickets service's transition frame like a phone outcome.
 */
export function createSurveyService(deps: Deps, tickets: TicketsService) {
  const { knex, bus, clock } = deps;
  let secret: Promise<string> | undefined;

  async function check(token: string) {
    const verdict = verifySurveyToken(await (secret ??= surveySecret(knex)), token, clock.now());
    return verdict;
  }

  return {
    async open(token: string): Promise<SurveyOpen> {
      const verdict = await check(token);
      if (!verdict.ok) return verdict;
      const survey = await repo.survey(knex, verdict.surveyId);
      if (!survey) return { ok: false, reason: 'invalid' };
      if (survey.expires_at <= clock.now()) return { ok: false, reason: 'expired' };
      const callback = await repo.find(knex, survey.callback_id);
      if (survey.answered_at || !callback || (callback.state !== 'scheduled' && callback.state !== 'due')) return { ok: false, reason: 'used' };
      const ticket = (await knex('tickets').where({ id: survey.ticket_id }).first<{ number: string; category: string }>('number', 'category'))!;
      return { ok: true, ticketNumber: ticket.number, category: ticket.category, expiresAt: survey.expires_at };
    },

    async answer(token: string, input: SurveyAnswerInput): Promise<{ ok: true; outcome: 'satisfied' | 'unsatisfied' } | { ok: false; reason: SurveyRefusal }> {
      const verdict = await check(token);
      if (!verdict.ok) return verdict;
      try {
        return await inTransaction(knex, bus, async (uow) => {
          const survey = await repo.surveyForUpdate(uow.trx, verdict.surveyId);
          if (!survey) return { ok: false, reason: 'invalid' } as const;
          const now = clock.now();
          if (survey.expires_at <= now) return { ok: false, reason: 'expired' } as const;
          if (survey.answered_at) return { ok: false, reason: 'used' } as const;
          await tickets.recordCallback(null, survey.ticket_id, null, { outcome: input.outcome, note: input.comment }, { outer: uow, callbackId: survey.callback_id, via: 'survey' });
          await uow.trx('callback_surveys').where({ id: survey.id }).update({ answered_at: now, outcome: input.outcome, comment: input.comment ?? null });
          return { ok: true, outcome: input.outcome } as const;
        });
      } catch (err) {
        // the callback was answered by phone meanwhile (409), or the ticket cannot close yet (422)
        if (err instanceof AppError && err.status === 409) return { ok: false, reason: 'used' };
        if (err instanceof AppError && err.status === 422) return { ok: false, reason: 'unavailable' };
        throw err;
      }
    },
  };
}

export type SurveyService = ReturnType<typeof createSurveyService>;

export function refusalError(reason: SurveyRefusal): AppError {
  const detail = PAGE_TEXT.en[reason];
  return reason === 'invalid' ? errors.notFound('survey') : new AppError(REFUSAL_STATUS[reason], reason === 'expired' ? 'Gone' : reason === 'used' ? 'Conflict' : 'Service Unavailable', detail, { code: `survey_${reason}` });
}

function langOf(req: Request): Lang {
  const asked = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  if (asked === 'en' || asked === 'zh-CN') return asked;
  return req.acceptsLanguages('zh-CN', 'zh', 'en') === 'en' ? 'en' : 'zh-CN';
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: Response, status: number, lang: Lang, body: string, otherLangHref?: string): void {
  const t = PAGE_TEXT[lang];
  res.status(status).type('html').setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.send(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${t.title}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5">
<h1 style="font-size:1.4rem">${t.title}</h1>${body}
${otherLangHref ? `<p style="margin-top:2rem"><a href="${escape(otherLangHref)}">${t.other}</a></p>` : ''}</body></html>`);
}

/**
 * The public survey page: GET shows the question, POST (an ordinary form) records the answer.
 * Refusals are plain pages in the customer's language with a fitting status, never an error dump.
 */
export function surveyPages(surveys: SurveyService): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '8kb' });

  const refuse = (res: Response, lang: Lang, reason: SurveyRefusal) => page(res, REFUSAL_STATUS[reason], lang, `<p>${PAGE_TEXT[lang][reason]}</p>`);
  const other = (req: Request, lang: Lang) => `${req.baseUrl}${req.path}?lang=${lang === 'en' ? 'zh-CN' : 'en'}`;

  const question = (req: Request, res: Response, lang: Lang, s: { ticketNumber: string; category: string }, notice = '') => {
    const t = PAGE_TEXT[lang];
    page(res, notice ? 400 : 200, lang, `<p>${t.ticket}: <strong>${escape(s.ticketNumber)}</strong><br>${t.summary}: ${escape(CATEGORY_TEXT[lang][s.category] ?? s.category)}</p>
${notice ? `<p role="alert" style="color:#b00">${notice}</p>` : ''}
<form method="post" action="${escape(`${req.baseUrl}${req.path}?lang=${lang}`)}"><p>${t.question}</p>
<p><label><input type="radio" name="outcome" value="satisfied" required> ${t.satisfied}</label>
<label style="margin-left:1.5rem"><input type="radio" name="outcome" value="unsatisfied"> ${t.unsatisfied}</label></p>
<p><label>${t.comment}<br><textarea name="comment" rows="4" maxlength="1000" style="width:100%"></textarea></label></p>
<p><button type="submit">${t.submit}</button></p></form>`, other(req, lang));
  };

  router.get('/survey/:token', async (req, res) => {
    const lang = langOf(req);
    const opened = await surveys.open(req.params.token);
    if (!opened.ok) return refuse(res, lang, opened.reason);
    question(req, res, lang, opened);
  });

  router.post('/survey/:token', form, async (req, res) => {
    const lang = langOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const outcome = body.outcome === 'satisfied' || body.outcome === 'unsatisfied' ? body.outcome : undefined;
    const comment = typeof body.comment === 'string' && body.comment.trim() !== '' ? body.comment.trim().slice(0, 1000) : undefined;
    if (!outcome) {
      const opened = await surveys.open(req.params.token);
      if (!opened.ok) return refuse(res, lang, opened.reason);
      return question(req, res, lang, opened, PAGE_TEXT[lang].choose);
    }
    const answered = await surveys.answer(req.params.token, { outcome, comment });
    if (!answered.ok) return refuse(res, lang, answered.reason);
    const t = PAGE_TEXT[lang];
    page(res, 200, lang, `<p><strong>${t.thanks}</strong></p><p>${outcome === 'satisfied' ? t.thanksSatisfied : t.thanksUnsatisfied}</p>`);
  });
  return router;
}
