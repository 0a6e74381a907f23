// The ceiling: a bare koa server answering a fixed body, reading nothing.
import Koa from 'koa';

const app = new Koa();
app.use((ctx) => { ctx.body = 'success'; });
app.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
