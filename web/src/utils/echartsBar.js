// The part of ECharts the home page's bar chart needs (core, bar, grid, canvas), registered once.
// Imported lazily (import('./echartsBar.js')) so ECharts is fetched only where a chart shows.
import { use, init } from 'echarts/core'
import { BarChart } from 'echarts/charts'
import { GridComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, GridComponent, CanvasRenderer])

export { init }
