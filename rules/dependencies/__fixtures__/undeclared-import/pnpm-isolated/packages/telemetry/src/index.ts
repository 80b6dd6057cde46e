import { diag, DiagConsoleLogger } from '@opentelemetry/api';

export const startTelemetry = () => diag.setLogger(new DiagConsoleLogger());
