// Words villagers often need when reporting a payment problem, offered before single characters
// so a common complaint takes a few taps. They are Chinese in both screen languages because the
// report itself is written in Chinese.

export interface ComplaintWord {
  word: string;
  /** Toneless pinyin, one syllable per character. */
  syllables: readonly string[];
}

function word(text: string, pinyin: string): ComplaintWord {
  return { word: text, syllables: pinyin.split(' ') };
}

export const COMPLAINT_WORDS: readonly ComplaintWord[] = [
  word('补贴', 'bu tie'),
  word('低保', 'di bao'),
  word('没有收到', 'mei you shou dao'),
  word('金额不对', 'jin e bu dui'),
  word('冒领', 'mao ling'),
  word('优亲厚友', 'you qin hou you'),
  word('吃拿卡要', 'chi na ka yao'),
  word('村干部', 'cun gan bu'),
  word('工程质量', 'gong cheng zhi liang'),
  word('克扣', 'ke kou'),
  word('少发', 'shao fa'),
  word('漏发', 'lou fa'),
  word('虚报', 'xu bao'),
  word('截留', 'jie liu'),
  word('挪用', 'nuo yong'),
  word('贪污', 'tan wu'),
  word('不公平', 'bu gong ping'),
  word('没有公示', 'mei you gong shi'),
  word('特困', 'te kun'),
  word('五保', 'wu bao'),
  word('养老金', 'yang lao jin'),
  word('危房改造', 'wei fang gai zao'),
  word('医疗救助', 'yi liao jiu zhu'),
  word('临时救助', 'lin shi jiu zhu'),
  word('残疾人补贴', 'can ji ren bu tie'),
  word('扶贫', 'fu pin'),
  word('村委会', 'cun wei hui'),
  word('乡镇', 'xiang zhen'),
];
