/**
 * Everything Switchboard uses of OpenTelemetry's official packages, as one module: the extension
 * bundle loads it (dist/sdk/otel.js) only when team telemetry is switched on.
 */
export { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
export { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
export { LoggerProvider, BatchLogRecordProcessor } from '@opentelemetry/sdk-logs';
export { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
export { resourceFromAttributes } from '@opentelemetry/resources';
