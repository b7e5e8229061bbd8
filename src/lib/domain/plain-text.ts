/** A message with its ふりがな marks {漢字|かんじ} reduced to the plain words, for titles and labels. */
export const withoutRuby = (text: string) => text.replace(/\{([^|{}]+)\|[^|{}]+\}/g, '$1');
