// Small form parts the panels share: a text field that is safe with input methods (nothing is
// applied while composing, and the document never rewrites what is being typed), a colour field
// with a clear button, and a titled section.

import type { ComponentChildren, TargetedCompositionEvent, TargetedEvent, TargetedFocusEvent, TargetedKeyboardEvent } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { T, tr } from '../app/i18n.ts';

type FieldElement = HTMLInputElement | HTMLTextAreaElement;

export interface LiveTextProps {
  value: string;
  /** Called with the new text on every input outside a composition, and when a composition ends. */
  onText(text: string): void;
  /** Called on Enter (single line) or blur. */
  onCommit?(text: string): void;
  label: string;
  multiline?: boolean;
  placeholder?: string;
  maxLength?: number;
  rows?: number;
  class?: string;
  id?: string;
  disabled?: boolean;
  readOnly?: boolean;
  onFocus?(): void;
  onKeyDown?(e: KeyboardEvent, el: FieldElement): void;
  inputRef?: { current: FieldElement | null };
}

/** A text input or textarea that never fights an input method or the caret. */
export function LiveText(p: LiveTextProps) {
  const ref = useRef<FieldElement | null>(null);
  const composing = useRef(false);
  // Only a field nobody is typing in takes the document's value.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && document.activeElement !== el && el.value !== p.value) el.value = p.value;
  });
  const setRef = (el: FieldElement | null) => {
    ref.current = el;
    if (p.inputRef) p.inputRef.current = el;
  };
  const common = {
    ref: setRef,
    class: p.class,
    id: p.id,
    'aria-label': p.label,
    placeholder: p.placeholder,
    maxLength: p.maxLength,
    disabled: p.disabled,
    readOnly: p.readOnly,
    onFocus: p.onFocus,
    defaultValue: p.value,
    onCompositionStart: () => {
      composing.current = true;
    },
    onCompositionEnd: (e: TargetedCompositionEvent<FieldElement>) => {
      composing.current = false;
      p.onText(e.currentTarget.value);
    },
    onInput: (e: TargetedEvent<FieldElement, Event>) => {
      if (composing.current || (e as unknown as InputEvent).isComposing) return;
      p.onText(e.currentTarget.value);
    },
    onBlur: (e: TargetedFocusEvent<FieldElement>) => p.onCommit?.(e.currentTarget.value),
    onKeyDown: (e: TargetedKeyboardEvent<FieldElement>) => {
      if (composing.current || e.isComposing || e.keyCode === 229) return;
      if (!p.multiline && e.key === 'Enter' && p.onCommit) {
        e.preventDefault();
        p.onCommit(e.currentTarget.value);
      }
      p.onKeyDown?.(e, e.currentTarget);
    },
  };
  return p.multiline ? <textarea {...common} rows={p.rows ?? 5} /> : <input type="text" {...common} />;
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  return (
    <section class="panel-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

/** A colour picker with a clear button; `value` undefined shows the theme's colour as unset. */
export function ColourField({ label, value, onChange }: { label: string; value: string | undefined; onChange(v: string | null): void }) {
  return (
    <div class="colour-field">
      <label>
        <input type="color" value={value ?? '#ffffff'} aria-label={label} onInput={(e) => onChange(e.currentTarget.value)} />
        <span>{label}</span>
        {value ? null : <span class="unset">{tr(T('默认', 'default'))}</span>}
      </label>
      {value ? (
        <button type="button" class="mini" aria-label={`${tr(T('清除', 'Clear'))} ${label}`} onClick={() => onChange(null)}>
          ×
        </button>
      ) : null}
    </div>
  );
}
