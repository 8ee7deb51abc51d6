/** Made-up secrets with realistic shapes, shared by the rule tests. None is a real credential. */
export const GH = 'ghp_R8mXq2Lk9Vb4Nz7Tw1Yc5Hd3Fg6Js0Pa8Ue2';
export const AWS_ID = 'AKIA2E0A8F3B244C9986';
export const AWS_SECRET = 'Xq2Lk8Zr0Vb7Nm4Hj6Gf1Ds9Ap3Ow5Ei2Ru8Ty7';
export const SLACK_BOT = 'xoxb-2748193650-4829163750284-Rk3Lm9Qp2Xz8Vt4Nw7Yc1Hd5';
export const STRIPE = 'sk_live_51Hx9Kq2Lm8Vb4Nz7Tw1Yc5Hd3Fg6Js0Pa8Ue2Rk4';
export const PASSWORD = 'Tr0ub4dor&3-prod';
export const PG_PASSWORD = 'pG-9vKq2xLm';
export const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJldGwtc2VydmljZSIsImlhdCI6MTcwMDAwMDAwMH0.Qm9uZ2xlX3NpZ25hdHVyZV9mb3JfdGVzdHM';
