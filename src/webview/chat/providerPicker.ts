/**
 * The composer's provider picker: "Automatic", one provider for this chat (others only when it
 * fails), or a fallback chain (its steps only).
 */
import type { ChatToHost, ProviderChoice } from '../../core/protocol';
import { byId, h } from '../dom';

export class ProviderPicker {
  private readonly select = byId<HTMLSelectElement>('provider');
  private providers: ProviderChoice[] = [];
  private selected: string | undefined;

  constructor(private readonly post: (m: ChatToHost) => void) {
    this.select.addEventListener('change', () => {
      this.selected = this.select.value || undefined;
      this.post({ type: 'setProvider', ...(this.selected ? { providerId: this.selected } : {}) });
    });
    this.render();
  }

  setProviders(providers: ProviderChoice[]): void {
    this.providers = providers;
    this.render();
  }

  /** The chat's provider as the host has it (undefined = automatic). */
  setSelected(id: string | undefined): void {
    this.selected = id;
    this.render();
  }

  private render(): void {
    const known = this.providers.some((p) => p.id === this.selected);
    const option = (p: ProviderChoice) => h('option', { value: p.id, title: p.model }, p.label);
    const chains = this.providers.filter((p) => p.chain);
    const options = [
      h('option', { value: '' }, 'Automatic'),
      ...this.providers.filter((p) => !p.chain).map(option),
      // Chains answer through their steps only: grouped apart from the single providers.
      ...(chains.length ? [h('optgroup', { label: 'Fallback chains' }, ...chains.map(option))] : []),
      // A provider picked earlier that is not usable now (no key, disabled) stays visible as picked.
      ...(this.selected && !known ? [h('option', { value: this.selected }, `${this.selected} (unavailable)`)] : []),
    ];
    this.select.replaceChildren(...options);
    this.select.value = this.selected ?? '';
  }
}
