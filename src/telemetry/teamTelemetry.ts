import type { Counter, Histogram } from '@opentelemetry/api';
import type { Logger } from '@opentelemetry/api-logs';
import type { Disposable, Event } from '../core/events';
import type { EngineEvent } from '../resilience/api';
import { loadOtel } from './otelSdk';

export interface TeamTelemetryOptions {
  /** The collector's OTLP/HTTP base URL, e.g. `http://127.0.0.1:4318` (`/v1/metrics` and `/v1/logs` are added). */
  endpoint: string;
  /** The engine's events. */
  events: Event<EngineEvent>;
  /** The model a provider id serves (events name providers only). */
  modelOf(providerId: string): string | undefined;
  /** How often metrics are pushed (default 30 s). */
  exportIntervalMs?: number;
  /** The extension's version, sent as `service.version`. */
  version?: string;
}

type Attrs = Record<string, string | boolean>;

/**
 * Opt-in team telemetry: per-provider/per-model metrics (first-token latency histogram, attempts,
 * errors by kind, failovers, tokens, cost) and failover/breaker events as OTLP log records, pushed
 * over OTLP/HTTP (JSON) with OpenTelemetry's official SDK to the one endpoint the user configured.
 * Only provider ids, model names, error kinds and numbers leave: never prompts, answers, error
 * messages or keys.
 */
export class TeamTelemetry {
  private readonly meters: { shutdown(): Promise<void>; forceFlush(): Promise<void> };
  private readonly logs: { shutdown(): Promise<void>; forceFlush(): Promise<void> };
  private readonly logger: Logger;
  private readonly ttft: Histogram;
  private readonly counters: Record<'attempts' | 'errors' | 'failovers' | 'chats' | 'tokens' | 'cost', Counter>;
  private readonly sub: Disposable;

  constructor(private readonly opts: TeamTelemetryOptions) {
    const otel = loadOtel();
    const base = opts.endpoint.replace(/\/+$/, '');
    const resource = otel.resourceFromAttributes({
      'service.name': 'switchboard',
      'service.version': opts.version ?? 'dev',
    });
    const reader = new otel.PeriodicExportingMetricReader({
      exporter: new otel.OTLPMetricExporter({ url: `${base}/v1/metrics` }),
      exportIntervalMillis: opts.exportIntervalMs ?? 30_000,
    });
    const meterProvider = new otel.MeterProvider({ resource, readers: [reader] });
    const loggerProvider = new otel.LoggerProvider({
      resource,
      processors: [
        new otel.BatchLogRecordProcessor({ exporter: new otel.OTLPLogExporter({ url: `${base}/v1/logs` }) }),
      ],
    });
    this.meters = meterProvider;
    this.logs = loggerProvider;
    this.logger = loggerProvider.getLogger('switchboard');
    const meter = meterProvider.getMeter('switchboard');
    this.ttft = meter.createHistogram('switchboard.first_token.duration', {
      unit: 'ms',
      description: 'Time from request to first token, per provider and model',
      advice: { explicitBucketBoundaries: [100, 250, 500, 750, 1000, 1500, 2000, 3000, 5000, 10_000, 30_000] },
    });
    this.counters = {
      attempts: meter.createCounter('switchboard.attempts', { description: 'Upstream requests (hedges included)' }),
      errors: meter.createCounter('switchboard.errors', { description: 'Failed upstream requests by error kind' }),
      failovers: meter.createCounter('switchboard.failovers', {
        description: 'Chats moved from one provider to another',
      }),
      chats: meter.createCounter('switchboard.chats', { description: 'Chats by outcome' }),
      tokens: meter.createCounter('switchboard.tokens', { description: 'Tokens reported by providers' }),
      cost: meter.createCounter('switchboard.cost', { unit: 'USD', description: 'Cost by the price table' }),
    };
    this.sub = opts.events((e) => this.record(e));
  }

  private at(providerId: string): Attrs {
    return { provider: providerId, model: this.opts.modelOf(providerId) ?? 'unknown' };
  }

  private event(name: string, attributes: Attrs, at: number): void {
    this.logger.emit({ eventName: name, body: name, attributes, timestamp: at, severityText: 'INFO' });
  }

  private record(e: EngineEvent): void {
    const c = this.counters;
    switch (e.type) {
      case 'attempt_started':
        return c.attempts.add(1, { ...this.at(e.providerId), hedge: e.hedge });
      case 'first_token':
        return this.ttft.record(e.ttftMs, this.at(e.providerId));
      case 'attempt_failed':
        if (e.kind === 'cancelled') return;
        return c.errors.add(1, { ...this.at(e.providerId), kind: e.kind, mid_stream: e.streamed });
      case 'fell_back':
        c.failovers.add(1, { from: e.from, to: e.to, kind: e.kind, mid_stream: false });
        return this.event('switchboard.failover', { from: e.from, to: e.to, kind: e.kind, mid_stream: false }, e.at);
      case 'continued':
        c.failovers.add(1, { from: e.from, to: e.to, kind: 'interrupted', mid_stream: true });
        return this.event(
          'switchboard.failover',
          { from: e.from, to: e.to, kind: 'interrupted', mid_stream: true },
          e.at,
        );
      case 'breaker':
        return this.event('switchboard.breaker', { provider: e.providerId, state: e.state }, e.at);
      case 'chat_completed':
        return c.chats.add(1, { outcome: 'answered' });
      case 'chat_failed':
        return c.chats.add(1, { outcome: 'failed', kind: e.kind });
      case 'usage': {
        const attrs = { provider: e.providerId, model: e.model };
        const u = e.usage;
        if (u.inputTokens) c.tokens.add(u.inputTokens, { ...attrs, type: 'input' });
        if (u.cachedInputTokens) c.tokens.add(u.cachedInputTokens, { ...attrs, type: 'cached_input' });
        if (u.outputTokens) c.tokens.add(u.outputTokens, { ...attrs, type: 'output' });
        if (u.costUsd !== undefined) c.cost.add(u.costUsd, attrs);
        return;
      }
      default:
        return;
    }
  }

  /** Pushes everything recorded so far now. */
  async flush(): Promise<void> {
    await Promise.all([this.meters.forceFlush(), this.logs.forceFlush()]);
  }

  /** Stops listening, pushes what is left and closes the exporters. */
  async shutdown(): Promise<void> {
    this.sub.dispose();
    await Promise.all([this.meters.shutdown(), this.logs.shutdown()]).catch(() => undefined);
  }
}
