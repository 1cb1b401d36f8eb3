// The seed's load: ramp to 100 users, hold 2 minutes, ramp to 200 users, hold 5 minutes, against
// the slow app (GET /delay/5). Run it against your ingress:  k6 run -e TARGET=http://<ingress> deploy/load/k6.js
import http from 'k6/http';
import { sleep } from 'k6';

export const options = {
  stages: [
    { duration: '30s', target: 100 },
    { duration: '2m', target: 100 },
    { duration: '30s', target: 200 },
    { duration: '5m', target: 200 },
    { duration: '30s', target: 0 },
  ],
};

export default function () {
  http.get(`${__ENV.TARGET || 'http://localhost'}/delay/5`);
  sleep(1);
}
