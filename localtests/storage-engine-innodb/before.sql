set global tx_isolation = 'READ-COMMITTED';
