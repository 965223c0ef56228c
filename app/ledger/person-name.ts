// The shortest full name an erasure looks for (pure, no imports: forms in the browser use it too).
// A shorter one would be found inside other words and other people's names.
export const MIN_NAME_LENGTH = 3;
