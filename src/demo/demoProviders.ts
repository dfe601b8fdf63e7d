import { randomBytes } from 'node:crypto';
import type { ProviderEntry } from '../config/providers';
import type { Fault, ReplyScript } from '../loopback/script';
import { LoopbackServer } from '../loopback/server';
import { openAiFormat } from '../loopback/formats/openai';
import { anthropicFormat } from '../loopback/formats/anthropic';
import { cohereFormat } from '../loopback/formats/cohere';
import type { WireFormat } from '../loopback/wireFormat';
import { shownPartial } from '../loopback/continuationModel';
import { demoAgentAnswer, type DemoAgentOptions } from './demoAgent';

/**
 * "Try it without keys": the loopback provider servers started in-process on 127.0.0.1, driven
 * through the same real SDK adapters, with a fault control, so a new user sees chat, failover and
 * health working in seconds.
 */
export interface DemoSet {
  readonly definitions: ProviderEntry[];
  /** Random per-session key the demo servers require (never a real key). */
  readonly apiKey: string;
  /** Make one demo provider fail (or heal it with `undefined`). */
  injectFault(providerId: string, fault: Fault | undefined): void;
  /** The demo's servers by provider id (tests and the benchmark script them). */
  server(providerId: string): LoopbackServer | undefined;
  dispose(): Promise<void>;
}

const DEMO_TEXT = (name: string) =>
  `Hi! This answer comes from **${name}**, a demo provider running inside Switchboard on 127.0.0.1 (no key, no network).\n\n` +
  'Set a real API key with **Switchboard: Set API Key** to chat with a real model. Meanwhile, try **Switchboard: Simulate Outage...** ' +
  'and watch the next answer fall back to another provider:\n\n```ts\nconst answer = await switchboard.chat("hello");\n```\n';

const SPECS: {
  id: string;
  label: string;
  protocol: ProviderEntry['protocol'];
  format: () => WireFormat;
  model: string;
  ttft: number;
}[] = [
  {
    id: 'demo-openai',
    label: 'Demo OpenAI',
    protocol: 'openai',
    format: () => openAiFormat(),
    model: 'demo-gpt',
    ttft: 180,
  },
  {
    id: 'demo-anthropic',
    label: 'Demo Anthropic',
    protocol: 'anthropic',
    format: anthropicFormat,
    model: 'demo-claude',
    ttft: 260,
  },
  {
    id: 'demo-cohere',
    label: 'Demo Cohere',
    protocol: 'cohere',
    format: cohereFormat,
    model: 'demo-command',
    ttft: 320,
  },
];

/**
 * A request that offers tools gets the demo agent's answer (see demoAgent.ts), continued from
 * what was shown when it is a continuation after a failover; others get the scripted demo text.
 */
function agentResponder(format: WireFormat, script: () => ReplyScript, o: DemoAgentOptions) {
  return (body: Record<string, unknown>): ReplyScript | undefined => {
    const seen = format.read(body);
    const shown = shownPartial(format.protocol, body);
    // A continuation request ends with the partial answer (and, without prefill, a request to go on).
    if (shown !== undefined) {
      seen.messages = seen.messages.slice(0, format.protocol === 'anthropic' ? -1 : shown ? -2 : -1);
    }
    const answer = demoAgentAnswer(seen, o);
    if (!answer) return undefined;
    const text = shown && answer.text.startsWith(shown) ? answer.text.slice(shown.length) : answer.text;
    return { ...script(), text, toolCalls: answer.toolCalls };
  };
}

/** `pace` scales the demo's realistic token timing (tests use 0). */
export async function startDemo(pace = 1, agent: DemoAgentOptions = {}): Promise<DemoSet> {
  const apiKey = `demo-${randomBytes(12).toString('hex')}`;
  const servers = new Map<string, LoopbackServer>();
  const healthy = new Map<string, ReplyScript>();
  const definitions: ProviderEntry[] = [];
  for (const s of SPECS) {
    const script: ReplyScript = { text: DEMO_TEXT(s.label), firstTokenDelayMs: s.ttft * pace, tokenDelayMs: 18 * pace };
    const format = s.format();
    // The agent answer keeps the provider's current fault (injectFault replaces the default script).
    const current = () => server.defaultScript ?? script;
    const server: LoopbackServer = await LoopbackServer.start(format, {
      apiKey,
      models: [s.model],
      defaultScript: script,
      respond: agentResponder(format, current, agent),
    });
    servers.set(s.id, server);
    healthy.set(s.id, script);
    definitions.push({
      id: s.id,
      label: s.label,
      protocol: s.protocol,
      model: s.model,
      baseURL: server.baseURL,
      enabled: true,
      trust: 'local',
      needsKey: false,
      demo: true,
      // The demo agent calls tools (not images); like any loopback server it takes any length.
      capabilities: { toolCalling: true, imageInput: false },
    });
  }
  return {
    definitions,
    apiKey,
    injectFault(id, fault) {
      const base = healthy.get(id);
      if (base) servers.get(id)?.setDefault({ ...base, fault });
    },
    server: (id) => servers.get(id),
    async dispose() {
      await Promise.all([...servers.values()].map((s) => s.close()));
    },
  };
}
