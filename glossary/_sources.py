"""Every work the glossary cites, written once.

An entry's "## Sources" section names works by key, one bullet each, optionally followed by a
note on what the entry takes from the work:

    ## Sources
    - [dettmers2015]
    - [hochreiter1997] — the constant error carousel and the adding problem

The registry reads this file with `ast` (it is never imported by the read-only commands) and
renders each key as its full citation, so `nutshell explain` shows the same citation wherever the
work is cited. Keys are short and stable: first author's surname and year, with a word added
where one author has two works in a year. The four reference texts the glossary is built from
(see shared/reference/README.md) come first.
"""

SOURCES = {
    # The four reference texts.
    "dettmers2015": 'T. Dettmers, "Deep Learning in a Nutshell: Core Concepts" (2015), NVIDIA '
    "Technical Blog (reference text)",
    "lecun2015": 'Y. LeCun, Y. Bengio, G. Hinton, "Deep learning", Nature 521, 436-444, 2015 '
    "(reference text, read through notes on the paper)",
    "raschka": 'S. Raschka, "What is deep learning?", an answer on MLPs, vanishing gradients and '
    "ConvNets (reference text)",
    "overview": '"A short overview of deep learning", a blog post on neurons, backpropagation, CNN, '
    "RNN, LSTM and GRU (reference text)",
    # Books.
    "goodfellow2016": "I. Goodfellow, Y. Bengio, A. Courville, Deep Learning, MIT Press, 2016",
    "minsky1969": "M. Minsky, S. Papert, Perceptrons: An Introduction to Computational Geometry, MIT Press, 1969",
    "sutton2018": "R. S. Sutton, A. G. Barto, Reinforcement Learning: An Introduction, 2nd edition, MIT Press, 2018",
    "vapnik1995": "V. N. Vapnik, The Nature of Statistical Learning Theory, Springer, 1995",
    # Papers, by year.
    "verhulst1838": 'P.-F. Verhulst, "Notice sur la loi que la population suit dans son '
    'accroissement", Correspondance mathématique et physique 10, 113-121, 1838',
    "cauchy1847": 'A. Cauchy, "Méthode générale pour la résolution des systèmes d\'équations '
    'simultanées", Comptes Rendus de l\'Académie des Sciences 25, 536-538, 1847',
    "mcculloch1943": 'W. S. McCulloch, W. Pitts, "A logical calculus of the ideas immanent in '
    'nervous activity", Bulletin of Mathematical Biophysics 5, 115-133, 1943',
    "berkson1944": 'J. Berkson, "Application of the logistic function to bio-assay", Journal of '
    "the American Statistical Association 39(227), 357-365, 1944",
    "shannon1948": 'C. E. Shannon, "A mathematical theory of communication", Bell System '
    "Technical Journal 27, 379-423 and 623-656, 1948",
    "robbins1951": 'H. Robbins, S. Monro, "A stochastic approximation method", Annals of '
    "Mathematical Statistics 22(3), 400-407, 1951",
    "cox1958": 'D. R. Cox, "The regression analysis of binary sequences", Journal of the Royal '
    "Statistical Society, Series B 20(2), 215-242, 1958",
    "rosenblatt1958": 'F. Rosenblatt, "The perceptron: a probabilistic model for information '
    'storage and organization in the brain", Psychological Review 65(6), 386-408, 1958',
    "hubel1962": 'D. H. Hubel, T. N. Wiesel, "Receptive fields, binocular interaction and '
    "functional architecture in the cat's visual cortex\", Journal of Physiology 160(1), "
    "106-154, 1962",
    "cooley1965": 'J. W. Cooley, J. W. Tukey, "An algorithm for the machine calculation of '
    'complex Fourier series", Mathematics of Computation 19(90), 297-301, 1965',
    "hoerl1970": 'A. E. Hoerl, R. W. Kennard, "Ridge regression: biased estimation for '
    'nonorthogonal problems", Technometrics 12(1), 55-67, 1970',
    "lighthill1973": 'J. Lighthill, "Artificial intelligence: a general survey", in Artificial '
    "Intelligence: a paper symposium, Science Research Council, 1973",
    "ackley1985": 'D. H. Ackley, G. E. Hinton, T. J. Sejnowski, "A learning algorithm for Boltzmann '
    'machines", Cognitive Science 9(1), 147-169, 1985',
    "hinton1986": 'G. E. Hinton, "Learning distributed representations of concepts", '
    "Proceedings of the 8th Annual Conference of the Cognitive Science Society, 1986",
    "rumelhart1986": 'D. E. Rumelhart, G. E. Hinton, R. J. Williams, "Learning representations '
    'by back-propagating errors", Nature 323, 533-536, 1986',
    "smolensky1986": 'P. Smolensky, "Information processing in dynamical systems: foundations of '
    'harmony theory", in Parallel Distributed Processing, vol. 1, 194-281, MIT Press, 1986',
    "cybenko1989": 'G. Cybenko, "Approximation by superpositions of a sigmoidal function", '
    "Mathematics of Control, Signals and Systems 2(4), 303-314, 1989",
    "hornik1989": 'K. Hornik, M. Stinchcombe, H. White, "Multilayer feedforward networks are '
    'universal approximators", Neural Networks 2(5), 359-366, 1989',
    "lecun1989": "Y. LeCun, B. Boser, J. S. Denker, D. Henderson, R. E. Howard, W. Hubbard, "
    'L. D. Jackel, "Backpropagation applied to handwritten zip code recognition", Neural '
    "Computation 1(4), 541-551, 1989",
    "bridle1990": 'J. S. Bridle, "Probabilistic interpretation of feedforward classification '
    'network outputs, with relationships to statistical pattern recognition", in '
    "Neurocomputing (NATO ASI Series F68), Springer, 1990",
    "elman1990": 'J. L. Elman, "Finding structure in time", Cognitive Science 14(2), 179-211, 1990',
    "werbos1990": 'P. J. Werbos, "Backpropagation through time: what it does and how to do it", '
    "Proceedings of the IEEE 78(10), 1550-1560, 1990",
    "hornik1991": 'K. Hornik, "Approximation capabilities of multilayer feedforward networks", '
    "Neural Networks 4(2), 251-257, 1991",
    "boser1992": 'B. E. Boser, I. M. Guyon, V. N. Vapnik, "A training algorithm for optimal '
    'margin classifiers", COLT, 1992',
    "watkins1992": 'C. J. C. H. Watkins, P. Dayan, "Q-learning", Machine Learning 8(3-4), 279-292, 1992',
    "krogh1992": 'A. Krogh, J. A. Hertz, "A simple weight decay can improve generalization", NIPS 4, 1992',
    "leshno1993": 'M. Leshno, V. Ya. Lin, A. Pinkus, S. Schocken, "Multilayer feedforward networks '
    'with a nonpolynomial activation function can approximate any function", Neural Networks '
    "6(6), 861-867, 1993",
    "bengio1994": 'Y. Bengio, P. Simard, P. Frasconi, "Learning long-term dependencies with '
    'gradient descent is difficult", IEEE Transactions on Neural Networks 5(2), 157-166, 1994',
    "cortes1995": 'C. Cortes, V. Vapnik, "Support-vector networks", Machine Learning 20(3), 273-297, 1995',
    "tesauro1995": 'G. Tesauro, "Temporal difference learning and TD-Gammon", Communications of '
    "the ACM 38(3), 58-68, 1995",
    "hochreiter1997": 'S. Hochreiter, J. Schmidhuber, "Long short-term memory", Neural '
    "Computation 9(8), 1735-1780, 1997",
    "lecun1998": 'Y. LeCun, L. Bottou, Y. Bengio, P. Haffner, "Gradient-based learning applied '
    'to document recognition", Proceedings of the IEEE 86(11), 2278-2324, 1998',
    "lecun1998backprop": 'Y. LeCun, L. Bottou, G. B. Orr, K.-R. Müller, "Efficient BackProp", '
    "in Neural Networks: Tricks of the Trade, Springer, 1998",
    "gers2000": 'F. A. Gers, J. Schmidhuber, F. Cummins, "Learning to forget: continual '
    'prediction with LSTM", Neural Computation 12(10), 2451-2471, 2000',
    "hinton2002": 'G. E. Hinton, "Training products of experts by minimizing contrastive '
    'divergence", Neural Computation 14(8), 1771-1800, 2002',
    "papineni2002": 'K. Papineni, S. Roukos, T. Ward, W.-J. Zhu, "BLEU: a method for automatic '
    'evaluation of machine translation", ACL, 2002',
    "bengio2003": 'Y. Bengio, R. Ducharme, P. Vincent, C. Jauvin, "A neural probabilistic '
    'language model", Journal of Machine Learning Research 3, 1137-1155, 2003',
    "simard2003": 'P. Y. Simard, D. Steinkraus, J. C. Platt, "Best practices for convolutional '
    'neural networks applied to visual document analysis", ICDAR, 2003',
    "lowe2004": 'D. G. Lowe, "Distinctive image features from scale-invariant keypoints", '
    "International Journal of Computer Vision 60(2), 91-110, 2004",
    "dalal2005": 'N. Dalal, B. Triggs, "Histograms of oriented gradients for human detection", CVPR, 2005',
    "chellapilla2006": 'K. Chellapilla, S. Puri, P. Simard, "High performance convolutional '
    'neural networks for document processing", International Workshop on Frontiers in '
    "Handwriting Recognition, 2006",
    "graves2006": 'A. Graves, S. Fernández, F. Gomez, J. Schmidhuber, "Connectionist temporal '
    'classification: labelling unsegmented sequence data with recurrent neural networks", ICML, '
    "2006",
    "hinton2006": 'G. E. Hinton, S. Osindero, Y.-W. Teh, "A fast learning algorithm for deep '
    'belief nets", Neural Computation 18(7), 1527-1554, 2006',
    "hinton2006autoencoders": 'G. E. Hinton, R. R. Salakhutdinov, "Reducing the dimensionality '
    'of data with neural networks", Science 313, 504-507, 2006',
    "bengio2007": 'Y. Bengio, P. Lamblin, D. Popovici, H. Larochelle, "Greedy layer-wise training '
    'of deep networks", NIPS 19, 2007',
    "deng2009": 'J. Deng, W. Dong, R. Socher, L.-J. Li, K. Li, L. Fei-Fei, "ImageNet: a '
    'large-scale hierarchical image database", CVPR, 2009',
    "lee2009": 'H. Lee, R. Grosse, R. Ranganath, A. Y. Ng, "Convolutional deep belief networks '
    'for scalable unsupervised learning of hierarchical representations", ICML, 2009',
    "raina2009": 'R. Raina, A. Madhavan, A. Y. Ng, "Large-scale deep unsupervised learning '
    'using graphics processors", ICML, 2009',
    "bergstra2010": "J. Bergstra, O. Breuleux, F. Bastien, P. Lamblin, R. Pascanu, G. Desjardins, "
    'J. Turian, D. Warde-Farley, Y. Bengio, "Theano: a CPU and GPU math compiler in Python", '
    "Proceedings of the 9th Python in Science Conference, 2010",
    "bottou2010": 'L. Bottou, "Large-scale machine learning with stochastic gradient descent", '
    "Proceedings of COMPSTAT 2010, 177-186, 2010",
    "ciresan2010": 'D. C. Cireşan, U. Meier, L. M. Gambardella, J. Schmidhuber, "Deep, big, '
    'simple neural nets for handwritten digit recognition", Neural Computation 22(12), '
    "3207-3220, 2010",
    "everingham2010": "M. Everingham, L. Van Gool, C. K. I. Williams, J. Winn, A. Zisserman, \"The "
    'Pascal visual object classes (VOC) challenge", International Journal of Computer Vision '
    "88(2), 303-338, 2010",
    "glorot2010": 'X. Glorot, Y. Bengio, "Understanding the difficulty of training deep '
    'feedforward neural networks", AISTATS, 2010',
    "mikolov2010": "T. Mikolov, M. Karafiát, L. Burget, J. Černocký, S. Khudanpur, \"Recurrent "
    'neural network based language model", Interspeech, 2010',
    "nair2010": 'V. Nair, G. E. Hinton, "Rectified linear units improve restricted Boltzmann machines", ICML, 2010',
    "scherer2010": 'D. Scherer, A. Müller, S. Behnke, "Evaluation of pooling operations in '
    'convolutional architectures for object recognition", ICANN, 2010',
    "collobert2011": "R. Collobert, J. Weston, L. Bottou, M. Karlen, K. Kavukcuoglu, P. Kuksa, "
    '"Natural language processing (almost) from scratch", Journal of Machine Learning Research '
    "12, 2493-2537, 2011",
    "collobert2011torch": 'R. Collobert, K. Kavukcuoglu, C. Farabet, "Torch7: a Matlab-like '
    'environment for machine learning", BigLearn, NIPS Workshop, 2011',
    "glorot2011": 'X. Glorot, A. Bordes, Y. Bengio, "Deep sparse rectifier neural networks", AISTATS, 2011',
    # A title may repeat a reference text word for word: .ci/run leaves this table out of overlap.py.
    "lee2011": 'H. Lee, R. Grosse, R. Ranganath, A. Y. Ng, "Unsupervised learning of hierarchical '
    'representations with convolutional deep belief networks", Communications of the ACM 54(10), '
    "95-103, 2011",
    "bergstra2012": 'J. Bergstra, Y. Bengio, "Random search for hyper-parameter optimization", '
    "Journal of Machine Learning Research 13, 281-305, 2012",
    "sutskever2011": 'I. Sutskever, J. Martens, G. E. Hinton, "Generating text with recurrent '
    'neural networks", ICML, 2011',
    "ciresan2012": 'D. Cireşan, U. Meier, J. Masci, J. Schmidhuber, "Multi-column deep neural '
    'network for traffic sign classification", Neural Networks 32, 333-338, 2012',
    "hinton2012": "G. Hinton, L. Deng, D. Yu, G. E. Dahl, A. Mohamed, N. Jaitly, A. Senior, "
    "V. Vanhoucke, P. Nguyen, T. N. Sainath, B. Kingsbury, \"Deep neural networks for acoustic "
    'modeling in speech recognition: the shared views of four research groups", IEEE Signal '
    "Processing Magazine 29(6), 82-97, 2012",
    "krizhevsky2012": 'A. Krizhevsky, I. Sutskever, G. E. Hinton, "ImageNet classification with '
    'deep convolutional neural networks", NIPS, 2012',
    "bengio2013": 'Y. Bengio, A. Courville, P. Vincent, "Representation learning: a review and '
    'new perspectives", IEEE TPAMI 35(8), 1798-1828, 2013',
    "goodfellow2013": "I. J. Goodfellow, D. Warde-Farley, M. Mirza, A. Courville, Y. Bengio, "
    '"Maxout networks", ICML, 2013',
    "graves2013": 'A. Graves, A. Mohamed, G. Hinton, "Speech recognition with deep recurrent '
    'neural networks", ICASSP, 2013',
    "helmstaedter2013": "M. Helmstaedter, K. L. Briggman, S. C. Turaga, V. Jain, H. S. Seung, "
    'W. Denk, "Connectomic reconstruction of the inner plexiform layer in the mouse retina", '
    "Nature 500, 168-174, 2013",
    "mikolov2013": 'T. Mikolov, K. Chen, G. Corrado, J. Dean, "Efficient estimation of word '
    'representations in vector space", arXiv:1301.3781, 2013',
    "socher2013": "R. Socher, A. Perelygin, J. Wu, J. Chuang, C. D. Manning, A. Y. Ng, C. Potts, "
    '"Recursive deep models for semantic compositionality over a sentiment treebank", EMNLP, 2013',
    "pascanu2013": 'R. Pascanu, T. Mikolov, Y. Bengio, "On the difficulty of training recurrent '
    'neural networks", ICML, 2013',
    "baldi2014": 'P. Baldi, P. Sadowski, D. Whiteson, "Searching for exotic particles in '
    'high-energy physics with deep learning", Nature Communications 5, 4308, 2014',
    "chetlur2014": "S. Chetlur, C. Woolley, P. Vandermersch, J. Cohen, J. Tran, B. Catanzaro, "
    'E. Shelhamer, "cuDNN: efficient primitives for deep learning", arXiv:1410.0759, 2014',
    "cho2014": "K. Cho, B. van Merriënboer, C. Gulcehre, D. Bahdanau, F. Bougares, H. Schwenk, "
    'Y. Bengio, "Learning phrase representations using RNN encoder-decoder for statistical '
    'machine translation", EMNLP, 2014',
    "chung2014": 'J. Chung, C. Gulcehre, K. Cho, Y. Bengio, "Empirical evaluation of gated '
    'recurrent neural networks on sequence modeling", arXiv:1412.3555, 2014',
    "dauphin2014": "Y. N. Dauphin, R. Pascanu, C. Gulcehre, K. Cho, S. Ganguli, Y. Bengio, "
    '"Identifying and attacking the saddle point problem in high-dimensional non-convex '
    'optimization", NIPS, 2014',
    "girshick2014": 'R. Girshick, J. Donahue, T. Darrell, J. Malik, "Rich feature hierarchies for '
    'accurate object detection and semantic segmentation", CVPR, 2014',
    "graves2014": 'A. Graves, G. Wayne, I. Danihelka, "Neural Turing machines", arXiv:1410.5401, 2014',
    "jia2014": "Y. Jia, E. Shelhamer, J. Donahue, S. Karayev, J. Long, R. Girshick, S. Guadarrama, "
    'T. Darrell, "Caffe: convolutional architecture for fast feature embedding", ACM Multimedia, '
    "2014",
    "lin2014": 'M. Lin, Q. Chen, S. Yan, "Network in network", ICLR, 2014',
    "lin2014coco": "T.-Y. Lin, M. Maire, S. Belongie, J. Hays, P. Perona, D. Ramanan, P. Dollár, "
    'C. L. Zitnick, "Microsoft COCO: common objects in context", ECCV, 2014',
    "mnih2014": 'V. Mnih, N. Heess, A. Graves, K. Kavukcuoglu, "Recurrent models of visual attention", NIPS, 2014',
    "mathieu2014": 'M. Mathieu, M. Henaff, Y. LeCun, "Fast training of convolutional networks '
    'through FFTs", ICLR, 2014',
    "srivastava2014": "N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever, R. Salakhutdinov, "
    '"Dropout: a simple way to prevent neural networks from overfitting", Journal of Machine '
    "Learning Research 15, 1929-1958, 2014",
    "saxe2014": 'A. M. Saxe, J. L. McClelland, S. Ganguli, "Exact solutions to the nonlinear '
    'dynamics of learning in deep linear neural networks", ICLR, 2014',
    "sutskever2014": 'I. Sutskever, O. Vinyals, Q. V. Le, "Sequence to sequence learning with '
    'neural networks", NIPS, 2014',
    "zeiler2014": 'M. D. Zeiler, R. Fergus, "Visualizing and understanding convolutional networks", ECCV, 2014',
    "springenberg2015": 'J. T. Springenberg, A. Dosovitskiy, T. Brox, M. Riedmiller, "Striving '
    'for simplicity: the all convolutional net", ICLR workshop, 2015',
    "chollet2015": "F. Chollet and others, Keras (software), https://keras.io, 2015",
    "bahdanau2015": 'D. Bahdanau, K. Cho, Y. Bengio, "Neural machine translation by jointly '
    'learning to align and translate", ICLR, 2015',
    "choromanska2015": 'A. Choromanska, M. Henaff, M. Mathieu, G. Ben Arous, Y. LeCun, "The loss '
    'surfaces of multilayer networks", AISTATS, 2015',
    "karpathy2015": 'A. Karpathy, L. Fei-Fei, "Deep visual-semantic alignments for generating '
    'image descriptions", CVPR, 2015',
    "he2015": 'K. He, X. Zhang, S. Ren, J. Sun, "Delving deep into rectifiers: surpassing '
    'human-level performance on ImageNet classification", ICCV, 2015',
    "long2015": 'J. Long, E. Shelhamer, T. Darrell, "Fully convolutional networks for semantic '
    'segmentation", CVPR, 2015',
    "ma2015": 'J. Ma, R. P. Sheridan, A. Liaw, G. E. Dahl, V. Svetnik, "Deep neural nets as a '
    'method for quantitative structure-activity relationships", Journal of Chemical Information '
    "and Modeling 55(2), 263-274, 2015",
    "mnih2015": "V. Mnih, K. Kavukcuoglu, D. Silver, A. A. Rusu, J. Veness, M. G. Bellemare, "
    "A. Graves, M. Riedmiller, A. K. Fidjeland, G. Ostrovski, et al., \"Human-level control "
    'through deep reinforcement learning", Nature 518, 529-533, 2015',
    "nielsen2015": "M. A. Nielsen, Neural Networks and Deep Learning, Determination Press, 2015 (online book)",
    "russakovsky2015": "O. Russakovsky, J. Deng, H. Su, J. Krause, S. Satheesh, S. Ma, Z. Huang, "
    "A. Karpathy, A. Khosla, M. Bernstein, A. C. Berg, L. Fei-Fei, \"ImageNet large scale "
    'visual recognition challenge", International Journal of Computer Vision 115(3), 211-252, '
    "2015",
    "simonyan2015": 'K. Simonyan, A. Zisserman, "Very deep convolutional networks for '
    'large-scale image recognition", ICLR, 2015',
    "sukhbaatar2015": 'S. Sukhbaatar, A. Szlam, J. Weston, R. Fergus, "End-to-end memory networks", NIPS, 2015',
    "szegedy2015": "C. Szegedy, W. Liu, Y. Jia, P. Sermanet, S. Reed, D. Anguelov, D. Erhan, "
    'V. Vanhoucke, A. Rabinovich, "Going deeper with convolutions", CVPR, 2015',
    "vinyals2015": 'O. Vinyals, A. Toshev, S. Bengio, D. Erhan, "Show and tell: a neural image '
    'caption generator", CVPR, 2015',
    "weston2015": 'J. Weston, S. Chopra, A. Bordes, "Memory networks", ICLR, 2015',
    "xiong2015": "H. Y. Xiong, B. Alipanahi, L. J. Lee, H. Bretschneider, D. Merico, R. K. C. Yuen, "
    'et al., "The human splicing code reveals new insights into the genetic determinants of '
    'disease", Science 347(6218), 1254806, 2015',
    "xu2015": 'K. Xu, J. Ba, R. Kiros, K. Cho, A. Courville, R. Salakhutdinov, R. Zemel, '
    'Y. Bengio, "Show, attend and tell: neural image caption generation with visual attention", '
    "ICML, 2015",
    "abadi2016": 'M. Abadi, P. Barham, J. Chen, Z. Chen, A. Davis, J. Dean, et al., "TensorFlow: '
    'a system for large-scale machine learning", OSDI, 2016',
    "dumoulin2016": 'V. Dumoulin, F. Visin, "A guide to convolution arithmetic for deep '
    'learning", arXiv:1603.07285, 2016',
    "he2016": 'K. He, X. Zhang, S. Ren, J. Sun, "Deep residual learning for image recognition", CVPR, 2016',
    "luo2016": 'W. Luo, Y. Li, R. Urtasun, R. Zemel, "Understanding the effective receptive '
    'field in deep convolutional neural networks", NIPS, 2016',
    "telgarsky2016": 'M. Telgarsky, "Benefits of depth in neural networks", COLT, 2016',
    "silver2016": "D. Silver, A. Huang, C. J. Maddison, A. Guez, L. Sifre, G. van den Driessche, "
    "J. Schrittwieser, I. Antonoglou, V. Panneershelvam, M. Lanctot, et al., \"Mastering the game "
    'of Go with deep neural networks and tree search", Nature 529, 484-489, 2016',
    "weston2016": "J. Weston, A. Bordes, S. Chopra, A. M. Rush, B. van Merriënboer, A. Joulin, "
    'T. Mikolov, "Towards AI-complete question answering: a set of prerequisite toy tasks", '
    "ICLR, 2016",
    "wu2016": "Y. Wu, M. Schuster, Z. Chen, Q. V. Le, M. Norouzi, et al., \"Google's neural machine "
    'translation system: bridging the gap between human and machine translation", '
    "arXiv:1609.08144, 2016",
    "chollet2017": 'F. Chollet, "Xception: deep learning with depthwise separable convolutions", CVPR, 2017',
    "esteva2017": "A. Esteva, B. Kuprel, R. A. Novoa, J. Ko, S. M. Swetter, H. M. Blau, S. Thrun, "
    '"Dermatologist-level classification of skin cancer with deep neural networks", Nature 542, '
    "115-118, 2017",
    "howard2017": "A. G. Howard, M. Zhu, B. Chen, D. Kalenichenko, W. Wang, T. Weyand, "
    'M. Andreetto, H. Adam, "MobileNets: efficient convolutional neural networks for mobile '
    'vision applications", arXiv:1704.04861, 2017',
    "vaswani2017": "A. Vaswani, N. Shazeer, N. Parmar, J. Uszkoreit, L. Jones, A. N. Gomez, "
    'Ł. Kaiser, I. Polosukhin, "Attention is all you need", NIPS, 2017',
    "baydin2018": 'A. G. Baydin, B. A. Pearlmutter, A. A. Radul, J. M. Siskind, "Automatic '
    'differentiation in machine learning: a survey", Journal of Machine Learning Research '
    "18(153), 1-43, 2018",
    "azulay2019": 'A. Azulay, Y. Weiss, "Why do deep convolutional networks generalize so '
    'poorly to small image transformations?", Journal of Machine Learning Research 20, 2019',
    "loshchilov2019": 'I. Loshchilov, F. Hutter, "Decoupled weight decay regularization", ICLR, 2019',
    "paszke2019": 'A. Paszke, S. Gross, F. Massa, A. Lerer, J. Bradbury, G. Chanan, et al., '
    '"PyTorch: an imperative style, high-performance deep learning library", NeurIPS, 2019',
    "zhang2019": 'R. Zhang, "Making convolutional networks shift-invariant again", ICML, 2019',
    "linnainmaa1970": 'S. Linnainmaa, "The representation of the cumulative rounding error of an '
    'algorithm as a Taylor expansion of the local rounding errors", Master\'s thesis (in Finnish), '
    "University of Helsinki, 1970",
    "werbos1974": 'P. J. Werbos, "Beyond regression: new tools for prediction and analysis in the '
    'behavioral sciences", PhD thesis, Harvard University, 1974',
    "werbos1982": 'P. J. Werbos, "Applications of advances in nonlinear sensitivity analysis", in '
    "System Modeling and Optimization (Proc. 10th IFIP Conference, 1981), Springer, 762-770, 1982",
    "fukushima1980": 'K. Fukushima, "Neocognitron: a self-organizing neural network model for a '
    'mechanism of pattern recognition unaffected by shift in position", Biological Cybernetics '
    "36(4), 193-202, 1980",
    "dahl2014": 'G. E. Dahl, N. Jaitly, R. Salakhutdinov, "Multi-task neural networks for QSAR '
    'predictions", arXiv:1406.1231, 2014',
    "sennrich2016": 'R. Sennrich, B. Haddow, A. Birch, "Neural machine translation of rare words '
    'with subword units", ACL, 2016',
    "radford2018": 'A. Radford, K. Narasimhan, T. Salimans, I. Sutskever, "Improving language '
    'understanding by generative pre-training", OpenAI, 2018',
    "devlin2019": 'J. Devlin, M.-W. Chang, K. Lee, K. Toutanova, "BERT: pre-training of deep '
    'bidirectional transformers for language understanding", NAACL-HLT, 2019',
    "dosovitskiy2021": "A. Dosovitskiy, L. Beyer, A. Kolesnikov, D. Weissenborn, X. Zhai, "
    "T. Unterthiner, M. Dehghani, M. Minderer, G. Heigold, S. Gelly, J. Uszkoreit, N. Houlsby, "
    '"An image is worth 16x16 words: transformers for image recognition at scale", ICLR, 2021',
    # Modern entries (issue 21), one block per pair of entries.
    # -- batch-normalization, residual-connection
    "ioffe2015": 'S. Ioffe, C. Szegedy, "Batch normalization: accelerating deep network training by '
    'reducing internal covariate shift", ICML, 2015',
    "santurkar2018": 'S. Santurkar, D. Tsipras, A. Ilyas, A. Madry, "How does batch normalization '
    'help optimization?", NeurIPS, 2018',
    "he2016identity": 'K. He, X. Zhang, S. Ren, J. Sun, "Identity mappings in deep residual networks", ECCV, 2016',
    # -- optimizer, learning-rate-schedule, input-normalization
    "polyak1964": 'B. T. Polyak, "Some methods of speeding up the convergence of iteration methods", '
    "USSR Computational Mathematics and Mathematical Physics 4(5), 1-17, 1964",
    "nesterov1983": 'Y. Nesterov, "A method for solving the convex programming problem with '
    'convergence rate O(1/k²)", Soviet Mathematics Doklady 27, 372-376, 1983',
    "duchi2011": 'J. Duchi, E. Hazan, Y. Singer, "Adaptive subgradient methods for online learning '
    'and stochastic optimization", Journal of Machine Learning Research 12, 2121-2159, 2011',
    "tieleman2012": 'T. Tieleman, G. Hinton, "Lecture 6.5, rmsprop: divide the gradient by a '
    'running average of its recent magnitude", Coursera, Neural Networks for Machine Learning, 2012',
    "sutskever2013": 'I. Sutskever, J. Martens, G. Dahl, G. Hinton, "On the importance of '
    'initialization and momentum in deep learning", ICML, 2013',
    "kingma2015": 'D. P. Kingma, J. Ba, "Adam: a method for stochastic optimization", ICLR, 2015',
    "loshchilov2017": 'I. Loshchilov, F. Hutter, "SGDR: stochastic gradient descent with warm restarts", ICLR, 2017',
    "goyal2017": "P. Goyal, P. Dollár, R. Girshick, P. Noordhuis, L. Wesolowski, A. Kyrola, "
    'A. Tulloch, Y. Jia, K. He, "Accurate, large minibatch SGD: training ImageNet in 1 hour", '
    "arXiv:1706.02677, 2017",
    # -- transformer, masking
    "ba2016": 'J. L. Ba, J. R. Kiros, G. E. Hinton, "Layer normalization", arXiv:1607.06450, 2016',
    # -- transfer-learning, early-stopping
    "prechelt1998": 'L. Prechelt, "Early stopping, but when?", in Neural Networks: Tricks of the Trade, Springer, 1998',
    "yosinski2014": 'J. Yosinski, J. Clune, Y. Bengio, H. Lipson, "How transferable are features in '
    'deep neural networks?", NIPS, 2014',
    # -- evaluation-metrics, exploding-gradient
    "fawcett2006": 'T. Fawcett, "An introduction to ROC analysis", Pattern Recognition Letters 27(8), 861-874, 2006',
    "he2009": 'H. He, E. A. Garcia, "Learning from imbalanced data", IEEE Transactions on '
    "Knowledge and Data Engineering 21(9), 1263-1284, 2009",
    # -- autoencoder, embedding
    "baldi1989": 'P. Baldi, K. Hornik, "Neural networks and principal component analysis: learning '
    'from examples without local minima", Neural Networks 2(1), 53-58, 1989',
    "vincent2008": 'P. Vincent, H. Larochelle, Y. Bengio, P.-A. Manzagol, "Extracting and composing '
    'robust features with denoising autoencoders", ICML, 2008',
    "kingma2014": 'D. P. Kingma, M. Welling, "Auto-encoding variational Bayes", ICLR, 2014',
    "goodfellow2014": "I. Goodfellow, J. Pouget-Abadie, M. Mirza, B. Xu, D. Warde-Farley, S. Ozair, "
    'A. Courville, Y. Bengio, "Generative adversarial nets", NIPS, 2014',
}
