import { definePaper } from 'ratecheck';
import claims from '../yun2019-projected-gd.ts';

export const paper = definePaper({
  name: 'yun2019',
  title: 'Yun, Sra, Jadbabaie. Efficiently testing local optimality and escaping saddles for ReLU networks. ICLR 2019',
  claims,
});
