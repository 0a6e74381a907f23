// The one corner of lunar-javascript (no types of its own) that the festival dates use.
declare module 'lunar-javascript' {
  interface Solar { getYear(): number; getMonth(): number; getDay(): number }
  interface Lunar { getSolar(): Solar }
  const lunar: { Lunar: { fromYmd(year: number, month: number, day: number): Lunar } };
  export default lunar;
}
