// The weekly chart for the Monday report, loaded only when a report is actually drawn: the canvas is a native module,
// and a bot whose canvas cannot load still posts its text reports.
import { addDays } from '../time.js';
import type { WeeklyChart } from './run.js';

/** renderWeeklyChart takes the Monday the report goes out; jobs name a week by its own Monday. */
export const weeklyChart: WeeklyChart = async (db, roster, community, weekMonday) => {
  const { renderWeeklyChart } = await import('../report/weekly-chart.js');
  return renderWeeklyChart(db, roster, community, addDays(weekMonday, 7));
};
