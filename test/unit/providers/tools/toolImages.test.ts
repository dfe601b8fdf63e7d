import * as assert from 'node:assert/strict';
import type { ChatMessage, MessagePart } from '../../../../src/core/messages';
import type { ModelCapabilities, ProtocolId } from '../../../../src/core/provider';
import { LoopbackServer } from '../../../../src/loopback/server';
import { countRequest } from '../../../../src/providers/models/tokens';
import { createProvider } from '../../../../src/providers/registry';
import { formatFor, KEY, MODEL, warmSdks } from '../../reliability/helpers';
import { collect } from '../streamHarness';

type Json = Record<string, unknown>;
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** An agent took a screenshot with a tool: the result holds a caption and the image. */
const CONVERSATION: ChatMessage[] = [
  { role: 'user', content: 'Does the page render?' },
  {
    role: 'assistant',
    content: '',
    parts: [{ type: 'tool_call', id: 'call_shot', name: 'screenshot', arguments: { url: '/' } }],
  },
  {
    role: 'user',
    content: '',
    parts: [
      {
        type: 'tool_result',
        callId: 'call_shot',
        content: 'Screenshot of /:',
        images: [{ mimeType: 'image/png', data: PNG }],
      },
    ],
  },
];

let lastBody: Json = {};

/** What the loopback server received when the real SDK of `protocol` sent the conversation. */
async function sent(protocol: ProtocolId, capabilities?: Partial<ModelCapabilities>): Promise<Json[]> {
  const server = await LoopbackServer.start(formatFor(protocol), { apiKey: KEY, models: [MODEL] });
  try {
    const provider = createProvider({
      id: protocol,
      protocol,
      baseURL: formatFor(protocol).baseURL(server.origin),
      model: MODEL,
      apiKey: KEY,
      ...(capabilities ? { capabilities } : {}),
    });
    const r = await collect(provider.streamChat({ model: MODEL, messages: CONVERSATION }));
    assert.equal(r.error, undefined, r.error?.message);
    lastBody = server.chatRequests[0].body;
    return lastBody.messages as Json[];
  } finally {
    await server.close();
  }
}

describe('images a tool returned reach the model (real SDKs, what the loopback server received)', () => {
  before(warmSdks);

  it('Anthropic: the image block sits inside the tool_result, after its text', async () => {
    const msgs = await sent('anthropic');
    assert.deepEqual(msgs[2], {
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: 'call_shot',
          content: [
            { type: 'text', text: 'Screenshot of /:' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
          ],
        },
      ],
    });
    assert.equal(formatFor('anthropic').read(lastBody).messages.find((m) => m.role === 'tool')?.images, 1);
  });

  it('a tool image counts toward the context window like an attached one', () => {
    const png = { mimeType: 'image/png', data: PNG };
    const user = (parts: MessagePart[]): ChatMessage[] => [{ role: 'user', content: '', parts }];
    const count = (m: ChatMessage[]) => countRequest('anthropic', MODEL, m);
    const image = count(user([{ type: 'image', ...png }])) - count([{ role: 'user', content: '' }]);
    const noImage = user([{ type: 'tool_result', callId: 'c', content: '' }]);
    const withImage = user([{ type: 'tool_result', callId: 'c', content: '', images: [png] }]);
    assert.ok(image > 1000, `an image counts ${image}`);
    assert.equal(count(withImage) - count(noImage), image);
  });

  it('OpenAI: the `tool` message keeps the text; the image follows in a user message naming the call', async () => {
    const msgs = await sent('openai');
    assert.deepEqual(msgs.map((m) => m.role), ['user', 'assistant', 'tool', 'user']);
    assert.deepEqual(msgs[2], { role: 'tool', tool_call_id: 'call_shot', content: 'Screenshot of /:' });
    assert.deepEqual(msgs[3].content, [
      { type: 'text', text: 'Images returned by tool call call_shot:' },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
    ]);
  });

  it('Cohere (a vision model): the tool message says the image was left out, as Cohere tool results take text only', async () => {
    const msgs = await sent('cohere', { imageInput: true });
    assert.deepEqual(msgs.map((m) => m.role), ['user', 'assistant', 'tool']);
    assert.equal(msgs[2].content, 'Screenshot of /:\n[image/png image from the tool left out: Cohere tool results take text only]');
    assert.ok(!JSON.stringify(msgs).includes(PNG), 'no image bytes sent');
  });

  it('a model without image input still gets the turn, with a note instead of the image (no 400 from its server)', async () => {
    const msgs = await sent('openai', { imageInput: false });
    assert.deepEqual(msgs.map((m) => m.role), ['user', 'assistant', 'tool']);
    assert.equal(
      msgs[2].content,
      `Screenshot of /:\n[image/png image from the tool left out: ${MODEL} takes no image input]`,
    );
    assert.ok(!JSON.stringify(msgs).includes(PNG), 'no image bytes sent');
  });
});
