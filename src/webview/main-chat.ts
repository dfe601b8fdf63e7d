/** Chat webview entry: wires the transcript and composer to the host protocol. */
import type { ChatToHost, HostToChat } from '../core/protocol';
import { Composer, type ChatViewState } from './chat/composer';
import { ProviderPicker } from './chat/providerPicker';
import { Transcript } from './chat/transcript';
import { byId } from './dom';
import { announceReady, vscodeApi } from './vscodeApi';

const api = vscodeApi<ChatViewState, ChatToHost>();
const post = (m: ChatToHost) => api.postMessage(m);
const announcer = byId('announcer');
const announce = (text: string) => {
  announcer.textContent = text;
};

const composer = new Composer(post, { get: () => api.getState(), set: (s) => api.setState(s) }, announce);
const transcript = new Transcript(byId('transcript'), announce, post, (turnId, text) =>
  composer.startEdit(turnId, text),
);
const picker = new ProviderPicker(post);

window.addEventListener('message', (event: MessageEvent<HostToChat>) => {
  const m = event.data;
  if (!m || typeof m !== 'object') return;
  switch (m.type) {
    case 'init':
      transcript.reset(m.turns, m.busy);
      composer.setBusy(m.busy);
      composer.setAttachments(m.attachments, m.suggestion);
      composer.restoreDraft(m.draft);
      picker.setSelected(m.provider);
      return;
    case 'turn':
      return transcript.upsert(m.turn);
    case 'part':
      return transcript.append(m.turnId, m.part);
    case 'busy':
      transcript.setBusy(m.busy);
      return composer.setBusy(m.busy);
    case 'attachments':
      return composer.setAttachments(m.attachments, m.suggestion);
    case 'fileMatches':
      return composer.completion.show(m.query, m.files);
    case 'attachError':
      return composer.attachError(m.message);
    case 'focus':
      return composer.focus();
    case 'providers':
      return picker.setProviders(m.providers);
    case 'mode':
      return transcript.setMode(m.demo);
    case 'codeDone':
      return transcript.codeFeedback.done(m.action, m.message);
  }
});

announceReady(() => post({ type: 'ready' }));
