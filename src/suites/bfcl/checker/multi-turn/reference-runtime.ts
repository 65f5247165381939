// State that lives for a whole evaluation process in the reference, made explicit: shared defaults and shared padding objects.
import { BOOKING_RECORD_EXTENSION_JSON, CREDIT_CARD_EXTENSION_JSON, LONG_WEATHER_EXTENSION_JSON } from "./apis/long-context-data.js";
import { parsePyJson } from "../../../python/py-json.js";
import type { PyDict, PyValue } from "../../../python/py-value.js";

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export interface ReferenceRuntimeOptions {
  /**
   * The model name the reference evaluated under. It only shows in one quirk: a string argument
   * that looks like `method(` gets the instance name (which contains the model name) spliced in.
   */
  modelName?: string;
  /** Today's date, for TravelAPI.verify_traveler_information's age check (the reference uses the wall clock). */
  today?: () => CivilDate;
}

function systemToday(): CivilDate {
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

/**
 * One reference evaluation process. The reference runs every entry in one Python process, and a
 * few objects outlive an entry there: `post_tweet`'s default `tags=[]`/`mentions=[]` lists (a
 * `mention()` on a tweet posted without mentions extends the shared default, so later tweets in
 * later entries inherit those names), and the long-context credit cards, bookings and weather
 * dicts, which instances share instead of copying. Checking entries through one runtime, in the
 * reference's order, reproduces those effects; a fresh runtime per entry checks each in isolation.
 */
export class ReferenceRuntime {
  readonly modelName: string;
  readonly today: () => CivilDate;
  /** The default objects of `TwitterAPI.post_tweet(content, tags=[], mentions=[])`. */
  readonly postTweetDefaults: { readonly tags: PyValue[]; readonly mentions: PyValue[] } = { tags: [], mentions: [] };
  private creditCards: PyDict | undefined;
  private bookings: PyDict | undefined;
  private weather: PyDict | undefined;

  constructor(options: ReferenceRuntimeOptions = {}) {
    this.modelName = options.modelName ?? "model";
    this.today = options.today ?? systemToday;
  }

  /**
   * Whether an entry left anything behind for later entries: a shared default list that is no longer empty, or a shared
   * long-context dict in use. While this is false, a fresh runtime checks the next entry exactly as this one would.
   */
  carriesState(): boolean {
    const { tags, mentions } = this.postTweetDefaults;
    return tags.length > 0 || mentions.length > 0 || this.creditCards !== undefined || this.bookings !== undefined || this.weather !== undefined;
  }

  /** CREDIT_CARD_EXTENSION: the card dicts every long-context TravelAPI shares (balances change in place). */
  creditCardExtension(): PyDict {
    this.creditCards ??= parsePyJson(CREDIT_CARD_EXTENSION_JSON) as PyDict;
    return this.creditCards;
  }

  /** BOOKING_RECORD_EXTENSION: shared booking dicts. */
  bookingRecordExtension(): PyDict {
    this.bookings ??= parsePyJson(BOOKING_RECORD_EXTENSION_JSON) as PyDict;
    return this.bookings;
  }

  /** LONG_WEATHER_EXTENSION: one dict; each reading writes its `outsideTemperature` into it. */
  longWeatherExtension(): PyDict {
    this.weather ??= parsePyJson(LONG_WEATHER_EXTENSION_JSON) as PyDict;
    return this.weather;
  }
}
