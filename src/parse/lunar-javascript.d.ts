// The one corner of lunar-javascript (no types of its own) that the festival dates use.
declare module 'lunar-javascript' {
  interface Solar { getYear(): number; getMonth(): number; getDay(): number; getLunar(): Lunar }
  interface Lunar { getSolar(): Solar; getDay(): number }
  const lunar: {
    Lunar: { fromYmd(year: number, month: number, day: number): Lunar };
    Solar: { fromYmd(year: number, month: number, day: number): Solar };
  };
  export default lunar;
}
