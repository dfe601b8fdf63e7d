/** A local Ollama found on the machine: its OpenAI-compatible base URL and a model to use. */
export interface DetectedOllama {
  baseURL: string;
  model: string;
}

/**
 * Looks for Ollama on 127.0.0.1 (its `/api/tags` lists pulled models). Resolves undefined when
 * nothing answers within `timeoutMs`, the answer is not Ollama's, or no model is pulled.
 */
export async function detectOllama(origin = 'http://127.0.0.1:11434', timeoutMs = 400): Promise<DetectedOllama | undefined> {
  try {
    const res = await fetch(`${origin}/api/tags`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { models?: { name?: unknown }[] };
    const model = body.models?.map((m) => m.name).find((n): n is string => typeof n === 'string' && n.length > 0);
    return model ? { baseURL: `${origin}/v1`, model } : undefined;
  } catch {
    return undefined;
  }
}
