// The ack link's two pages. GET only shows the escalation's number, tier and reporter with a button
// (previews and scanners open links, so a GET changes nothing); the button's POST acknowledges.
// Every other state answers with a kind page and its status: unknown 404, not this person's 403,
// already acknowledged or resolved 409 (naming who has it), expired or used 410.
import { z } from 'zod';
import { html, page, type WebResult, type WebRouter } from '../../web/index.js';
import { ACK_LINK_PATH, acknowledgeByLink, inspectAckLink, type AckLinkState } from './ack-link.js';

const IN_CHAT = 'You can still acknowledge in chat with the escalation ack command and the code from your message.';

function stateOf(state: Exclude<AckLinkState, { state: 'open' }>): WebResult {
  switch (state.state) {
    case 'unknown':
      return page(
        'Link not recognised',
        html`<p class="lead">This acknowledgement link is not valid: it may have been cut short or mistyped.</p><p>${IN_CHAT}</p>`,
        { status: 404 },
      );
    case 'not_yours':
      return page(
        'Not your link',
        html`<p class="lead">This link cannot acknowledge escalation #${state.number} for you, so nothing was changed.</p><p>Please ask the coordinator on duty, or use the chat.</p>`,
        { status: 403 },
      );
    case 'expired':
      return page(
        'Link expired',
        html`<p class="lead">This link for escalation #${state.number} has expired or was already used, so nothing was changed.</p><p>${IN_CHAT}</p>`,
        { status: 410 },
      );
    case 'done': {
      const what = state.status === 'resolved' ? 'resolved' : 'acknowledged';
      const who = state.by ? html` by ${state.by}${state.at ? html` at ${state.at}` : ''}` : '';
      return page(
        `Already ${what}`,
        html`<p class="lead">Escalation #${state.number} was already ${what}${who}. Nothing more was changed.</p><p>Thank you for responding.</p>`,
        { status: 409 },
      );
    }
  }
}

export function registerEscalationPages(web: WebRouter): void {
  web.get(ACK_LINK_PATH, async (req) => {
    const state = await req.deps.db.$transaction((tx) => inspectAckLink(tx, req.deps, req.params.token!, req.now));
    if (state.state !== 'open') return stateOf(state);
    return page(
      `Acknowledge escalation #${state.number}`,
      html`<dl class="facts"><dt>Escalation</dt><dd>#${state.number}</dd><dt>Tier</dt><dd>${state.tier}</dd><dt>Raised by</dt><dd>${state.reporterName}</dd></dl>
<p>Acknowledging tells the reporter and the other coordinators that you have it, and stops the paging.</p>
<form method="post" action="${req.path}">${req.csrfField()}<button type="submit">Acknowledge escalation #${state.number}</button></form>`,
    );
  });

  web.post(ACK_LINK_PATH, z.object({}), async (req) => {
    const done = await req.deps.db.$transaction(
      (tx) => acknowledgeByLink({ tx, deps: req.deps, now: req.now }, req.params.token!),
      { timeout: 15_000 },
    );
    if (done.state.state !== 'open') return stateOf(done.state);
    return page(
      `Escalation #${done.state.number} is yours`,
      html`<p class="lead ok">${done.message?.text ?? `Thank you: escalation #${done.state.number} is yours.`}</p><p>Paging has stopped. To record what has been done or resolve it, use the buttons in the message just sent to you in chat.</p>`,
    );
  });
}
