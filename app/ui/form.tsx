// Accessible form fields for Conform: each field has a label, an optional hint, and its errors
// linked by aria-describedby and shown right under it, in French.
import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";

/**
 * When Conform checks the fields: first when a field is left, then, once it shows an error, at
 * every keystroke. Rechecking only when the field is left would remove the message at the moment
 * the user clicks the button below it: the button moves up under the pointer and the click is lost.
 */
export const VALIDATION_TIMING = { shouldValidate: "onBlur", shouldRevalidate: "onInput" } as const;

type InputType = "text" | "email" | "password" | "search" | "tel" | "url" | "number" | "date";

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-error">
      {errors.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}

function describedBy(field: FieldMetadata<unknown>, hint: ReactNode) {
  return (
    [hint ? `${field.id}-hint` : null, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ") ||
    undefined
  );
}

export function TextField({
  field,
  label,
  hint,
  type = "text",
  autoComplete,
  inputMode,
}: {
  field: FieldMetadata<string | undefined | null>;
  label: string;
  hint?: ReactNode;
  type?: InputType;
  autoComplete?: string;
  inputMode?: "numeric" | "text" | "email";
}) {
  const { key, ...inputProps } = getInputProps(field, {
    type,
    ariaDescribedBy: describedBy(field as FieldMetadata<unknown>, hint),
  });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${field.id}-hint`}>
          {hint}
        </span>
      ) : null}
      <input key={key} {...inputProps} autoComplete={autoComplete} inputMode={inputMode} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function SelectField({
  field,
  label,
  hint,
  options,
  placeholder = "Choisissez…",
  multiple,
}: {
  field: FieldMetadata<string | string[] | undefined | null>;
  label: string;
  hint?: ReactNode;
  options: ReadonlyArray<{ value: string; label: string }>;
  placeholder?: string | null;
  multiple?: boolean;
}) {
  const { key, ...selectProps } = getSelectProps(field, {
    ariaDescribedBy: describedBy(field as FieldMetadata<unknown>, hint),
  });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${field.id}-hint`}>
          {hint}
        </span>
      ) : null}
      <select key={key} {...selectProps} multiple={multiple} size={multiple ? 8 : undefined}>
        {placeholder !== null && !multiple ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** Errors that concern the whole form (wrong password, too many attempts...). */
export function FormError({ id, errors }: { id: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <div className="form-error" id={id} role="alert">
      {errors.map((error) => (
        <p key={error}>{error}</p>
      ))}
    </div>
  );
}
