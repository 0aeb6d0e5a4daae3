/** The two forms of a signing date SigV4 uses: `20261207T052610Z` and `20261207`. */
export interface SigningDates {
  longDate: string;
  shortDate: string;
}

/**
 * The signing date's forms read from the date's UTC fields, as smithy's signer writes them from `toISOString()`; or
 * undefined for a date that `toISOString()` would not write as four-digit years (left to smithy). The first
 * `toISOString()` of a process looks up the local time zone (ICU reads /etc/localtime), though its result is UTC: 1 to
 * 5 ms of a cold start here, where the UTC fields cost nothing.
 */
export function signingDates(date: Date): SigningDates | undefined {
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return undefined;
  const shortDate = `${digits(year, 4)}${digits(date.getUTCMonth() + 1, 2)}${digits(date.getUTCDate(), 2)}`;
  return { longDate: `${shortDate}T${digits(date.getUTCHours(), 2)}${digits(date.getUTCMinutes(), 2)}${digits(date.getUTCSeconds(), 2)}Z`, shortDate };
}

function digits(value: number, width: number): string {
  return String(value).padStart(width, "0");
}
